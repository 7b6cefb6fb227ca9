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
 * digest it resolved to ({@code host/repo:tag@sha256:...}) for a pulled base. {@code releaseDates}
 * are a bootstrap's archive Release dates ("suite=date" per source, as its cache key has them), for
 * the image's provenance. {@code fetched} is what a bootstrap took from the package archive
 * (through the archive proxy), for the image's archive record.
 */
public record ResolvedBase(
    String key,
    List<Path> layers,
    boolean made,
    Optional<String> pinned,
    List<String> releaseDates,
    List<Fetch> fetched) {
  public ResolvedBase {
    layers = List.copyOf(layers);
    releaseDates = List.copyOf(releaseDates);
    fetched = List.copyOf(fetched);
  }

  /** A bootstrap, with its archive's Release dates and what it fetched from the archive. */
  public static ResolvedBase bootstrap(
      String key, List<Path> layers, boolean made, List<String> releaseDates, List<Fetch> fetched) {
    return new ResolvedBase(key, layers, made, Optional.empty(), releaseDates, fetched);
  }

  /** A base that did not come from a registry. */
  public ResolvedBase(String key, List<Path> layers, boolean made) {
    this(key, layers, made, Optional.empty(), List.of(), List.of());
  }

  /** A pulled base (or none, when {@code pinned} is empty): no bootstrap, nothing fetched. */
  public ResolvedBase(String key, List<Path> layers, boolean made, Optional<String> pinned) {
    this(key, layers, made, pinned, List.of(), List.of());
  }

  /** The empty base of {@code FROM scratch}. */
  public static final ResolvedBase SCRATCH = new ResolvedBase("scratch", List.of(), false);
}
