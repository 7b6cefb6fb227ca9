package dev.osimages.engine.model;

import java.util.Map;

/**
 * A named set of args chosen on the command line ({@code --profile NAME}) that replaces sources by
 * others for every cell, e.g. third-party downloads by the distro's own packages on machines that
 * reach only the distro archives. Its args rank above every level of the declaration and below
 * {@code --set}; they are ordinary args, so they count in each cell's input hash.
 */
public record Profile(
    String name, String description, Map<String, String> args, SourcePosition position) {
  public Profile {
    args = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(args));
  }
}
