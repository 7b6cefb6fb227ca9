package dev.osimages.engine.builder.chroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A layer of mount points stacked over the image for one RUN step and never committed: a target the
 * image lacks gets an empty directory (or file) here, its missing parents 0755 root-owned
 * directories, and parents the image has are repeated with the image's owner, mode and time, so the
 * step sees them unchanged and a copy-up by the step keeps them. The step's own layer therefore
 * holds no trace of a mount, as BuildKit removes its mount stubs.
 */
final class StubLayer {
  private final Path dir;
  private final LayerStack image;

  StubLayer(Path dir, LayerStack image) {
    this.dir = dir;
    this.image = image;
  }

  /** Makes {@code target} (a symlink-free image path) exist as a directory or a file. */
  void ensure(String target, boolean directory) {
    Optional<Path> existing = image.find(target);
    if (existing.isPresent()) {
      if (directory && !Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalArgumentException(
            "mount target /" + target + " exists in the image and is not a directory");
      }
      return;
    }
    try {
      String[] parts = target.split("/");
      String prefix = "";
      for (int i = 0; i < parts.length - 1; i++) {
        prefix = prefix.isEmpty() ? parts[i] : prefix + "/" + parts[i];
        parent(prefix);
      }
      Path p = dir.resolve(target);
      if (directory) {
        Files.createDirectories(p);
      } else if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createFile(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the mount point /" + target, e);
    }
  }

  private void parent(String rel) throws IOException {
    Path p = dir.resolve(rel);
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Optional<Path> below = image.find(rel);
    if (below.isPresent() && !Files.isDirectory(below.get(), LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("/" + rel + " exists in the image and is not a directory");
    }
    Files.createDirectory(p);
    (below.isPresent() ? ImageWriter.Attrs.of(below.get()) : ImageWriter.Attrs.ROOT_DIR).apply(p);
  }
}
