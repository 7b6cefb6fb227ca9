package dev.osimages.engine.base;

import java.nio.file.Path;
import java.util.List;

/**
 * A base ready to build on: its cache key and its filesystem as overlay layers, bottom first
 * (whiteouts are 0/0 character devices, opaque directories carry {@code user.overlay.opaque}).
 * Scratch is the empty list. {@code made} is true when resolving it did real work (a bootstrap, an
 * extraction) rather than finding it cached. {@code releaseDates} are a bootstrap's archive Release
 * dates ("suite=date" per source, as its cache key has them), for the image's provenance.
 */
public record ResolvedBase(String key, List<Path> layers, boolean made, List<String> releaseDates) {
  public ResolvedBase {
    layers = List.copyOf(layers);
    releaseDates = List.copyOf(releaseDates);
  }

  /** A base that is not a bootstrap. */
  public ResolvedBase(String key, List<Path> layers, boolean made) {
    this(key, layers, made, List.of());
  }

  /** The empty base of {@code FROM scratch}. */
  public static final ResolvedBase SCRATCH = new ResolvedBase("scratch", List.of(), false);
}
