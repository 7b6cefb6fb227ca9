package dev.osimages.engine.base;

import dev.osimages.engine.archive.Fetch;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A base ready to build on: its cache key and its filesystem as overlay layers, bottom first
 * (whiteouts are 0/0 character devices, opaque directories carry {@code user.overlay.opaque}).
 * Scratch is the empty list. {@code made} is true when resolving it did real work (a bootstrap, an
 * extraction) rather than finding it cached. {@code pinned} is the registry reference with the
 * digest it resolved to ({@code host/repo:tag@sha256:...}) for a pulled base. {@code fetched} is
 * what a bootstrap took from the package archive (through the archive proxy), for the image's
 * record.
 */
public record ResolvedBase(
    String key, List<Path> layers, boolean made, Optional<String> pinned, List<Fetch> fetched) {
  public ResolvedBase {
    layers = List.copyOf(layers);
    fetched = List.copyOf(fetched);
  }

  /** A base that did not come from a registry. */
  public ResolvedBase(String key, List<Path> layers, boolean made) {
    this(key, layers, made, Optional.empty(), List.of());
  }

  /** A pulled base (nothing fetched from a package archive). */
  public ResolvedBase(String key, List<Path> layers, boolean made, Optional<String> pinned) {
    this(key, layers, made, pinned, List.of());
  }

  /** The empty base of {@code FROM scratch}. */
  public static final ResolvedBase SCRATCH = new ResolvedBase("scratch", List.of(), false);
}
