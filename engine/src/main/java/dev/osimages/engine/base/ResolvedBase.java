package dev.osimages.engine.base;

import dev.osimages.engine.archive.Fetch;
import java.nio.file.Path;
import java.util.List;

/**
 * A base ready to build on: its cache key and its filesystem as overlay layers, bottom first
 * (whiteouts are 0/0 character devices, opaque directories carry {@code user.overlay.opaque}).
 * Scratch is the empty list. {@code made} is true when resolving it did real work (a bootstrap, an
 * extraction) rather than finding it cached. {@code fetched} is what a bootstrap took from the
 * package archive (through the archive proxy), for the image's record.
 */
public record ResolvedBase(String key, List<Path> layers, boolean made, List<Fetch> fetched) {
  public ResolvedBase {
    layers = List.copyOf(layers);
    fetched = List.copyOf(fetched);
  }

  /** A base that fetched nothing from a package archive. */
  public ResolvedBase(String key, List<Path> layers, boolean made) {
    this(key, layers, made, List.of());
  }

  /** The empty base of {@code FROM scratch}. */
  public static final ResolvedBase SCRATCH = new ResolvedBase("scratch", List.of(), false);
}
