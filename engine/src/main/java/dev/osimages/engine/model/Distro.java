package dev.osimages.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A distro family as declared: its template, context directories, named contexts and package
 * manager, args shared by its versions, and the versions themselves (each one cell).
 */
public record Distro(
    String name,
    PackageManager packageManager,
    String template,
    List<String> contexts,
    Map<String, String> args,
    List<DistroVersion> versions,
    SourcePosition position,
    Map<String, NamedContextSpec> namedContexts) {
  public Distro {
    contexts = List.copyOf(contexts);
    namedContexts =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(namedContexts));
    args = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(args));
    versions = List.copyOf(versions);
  }

  /** A distro without named contexts. */
  public Distro(
      String name,
      PackageManager packageManager,
      String template,
      List<String> contexts,
      Map<String, String> args,
      List<DistroVersion> versions,
      SourcePosition position) {
    this(name, packageManager, template, contexts, args, versions, position, Map.of());
  }
}
