package dev.osimages.engine.cache;

import dev.osimages.engine.state.StateDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The parts of the state directory that hold cache entries, each entry one directory (or, for
 * registry blobs and the package cache's files, one file) directly inside its part. An entry's id
 * is its path relative to the state directory ({@code layers/<id>}, {@code
 * registry/blobs/sha256/<hex>}, {@code packages/debs/<name_version_arch>.deb}).
 */
final class CacheParts {
  /**
   * One part: where it is, relative to the state root, the kind its entries are listed as, and
   * whether they are files (else directories).
   */
  record Part(String dir, String kind, boolean files) {}

  static final List<Part> ALL =
      List.of(
          new Part("layers", "layer", false),
          new Part("bases", "base", false),
          new Part("downloads", "download", false),
          new Part("cache-mounts", "cache-mount", false),
          new Part("registry/blobs/sha256", "blob", true),
          // the package cache (archive.PackageStore): what pinned builds fetched, for --offline
          new Part("packages/debs", "package", true),
          new Part("packages/files", "archive-file", true));

  private CacheParts() {}

  /** The id of the entry {@code p} lies in, if it lies in one. */
  static Optional<String> entryOf(StateDir state, Path p) {
    Path a = p.toAbsolutePath().normalize();
    if (!a.startsWith(state.root())) {
      return Optional.empty();
    }
    Path rel = state.root().relativize(a);
    for (Part part : ALL) {
      Path dir = Path.of(part.dir());
      if (rel.startsWith(dir) && rel.getNameCount() > dir.getNameCount()) {
        return Optional.of(dir.resolve(rel.getName(dir.getNameCount())).toString());
      }
    }
    return Optional.empty();
  }
}
