package dev.osimages.engine.base;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A base ready to build on: its cache key and its filesystem as overlay layers, bottom first
 * (whiteouts are 0/0 character devices, opaque directories carry {@code user.overlay.opaque}).
 * Scratch is the empty list. {@code made} is true when resolving it did real work (a bootstrap, an
 * extraction) rather than finding it cached. {@code pinned} is the registry reference with the
 * digest it resolved to ({@code host/repo:tag@sha256:...}) for a pulled base.
 */
public record ResolvedBase(String key, List<Path> layers, boolean made, Optional<String> pinned) {
  public ResolvedBase {
    layers = List.copyOf(layers);
  }

  /** A base that did not come from a registry. */
  public ResolvedBase(String key, List<Path> layers, boolean made) {
    this(key, layers, made, Optional.empty());
  }

  /** The empty base of {@code FROM scratch}. */
  public static final ResolvedBase SCRATCH = new ResolvedBase("scratch", List.of(), false);
}
