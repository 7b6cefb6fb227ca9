package dev.osimages.engine.base;

import java.nio.file.Path;
import java.util.List;

/**
 * A base ready to build on: its cache key and its filesystem as overlay layers, bottom first
 * (whiteouts are 0/0 character devices, opaque directories carry {@code user.overlay.opaque}).
 * Scratch is the empty list. {@code made} is true when resolving it did real work (a bootstrap, an
 * extraction) rather than finding it cached.
 */
public record ResolvedBase(String key, List<Path> layers, boolean made) {
  public ResolvedBase {
    layers = List.copyOf(layers);
  }

  /** The empty base of {@code FROM scratch}. */
  public static final ResolvedBase SCRATCH = new ResolvedBase("scratch", List.of(), false);
}
