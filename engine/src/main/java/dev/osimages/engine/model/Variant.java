package dev.osimages.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A derived image applied to one or more base cells; each base yields one cell. {@code version} is
 * a pattern: {@code ${base.os}} and {@code ${base.version}} are replaced per base, so {@code
 * 3.0-${base.os}} over {@code [ubuntu/24.04, debian/13]} gives {@code firewall/3.0-ubuntu} and
 * {@code firewall/3.0-debian}.
 */
public record Variant(
    String name,
    String version,
    List<String> bases,
    String template,
    List<String> contexts,
    Map<String, String> args,
    SourcePosition position,
    Map<String, NamedContextSpec> namedContexts) {
  public Variant {
    bases = List.copyOf(bases);
    contexts = List.copyOf(contexts);
    args = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(args));
    namedContexts =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(namedContexts));
  }

  /** A variant without named contexts. */
  public Variant(
      String name,
      String version,
      List<String> bases,
      String template,
      List<String> contexts,
      Map<String, String> args,
      SourcePosition position) {
    this(name, version, bases, template, contexts, args, position, Map.of());
  }
}
