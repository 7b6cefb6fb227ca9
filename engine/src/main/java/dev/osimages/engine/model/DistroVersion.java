package dev.osimages.engine.model;

import java.util.Map;

/**
 * One version of a distro ({@code "13"}) with its own args, where it starts and its {@code network}
 * settings.
 */
public record DistroVersion(
    String version,
    Map<String, String> args,
    Base base,
    SourcePosition position,
    NetworkPolicy network) {
  public DistroVersion {
    args = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(args));
  }

  /** A version without network settings. */
  public DistroVersion(
      String version, Map<String, String> args, Base base, SourcePosition position) {
    this(version, args, base, position, NetworkPolicy.UNSET);
  }
}
