package dev.osimages.engine.model;

import java.util.Map;

/** One version of a distro ({@code "13"}) with its own args and where it starts. */
public record DistroVersion(
    String version, Map<String, String> args, Base base, SourcePosition position) {
  public DistroVersion {
    args = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(args));
  }
}
