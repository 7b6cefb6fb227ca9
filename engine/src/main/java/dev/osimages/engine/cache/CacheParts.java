package dev.osimages.engine.cache;

import dev.osimages.engine.state.StateDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The parts of the state directory that hold cache entries, each entry one directory (or, for
 * registry blobs, one file) directly inside its part. An entry's id is its path relative to the
 * state directory ({@code layers/<id>}, {@code registry/blobs/sha256/<hex>}).
 */
final class CacheParts {
  /** One part: where it is, relative to the state root, and the kind its entries are listed as. */
  record Part(String dir, String kind) {}

  static final List<Part> ALL =
      List.of(
          new Part("layers", "layer"),
          new Part("bases", "base"),
          new Part("downloads", "download"),
          new Part("cache-mounts", "cache-mount"),
          new Part("registry/blobs/sha256", "blob"));

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
