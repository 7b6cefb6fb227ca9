package dev.osimages.engine.builder.chroot;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A COPY or ADD as BuildKit runs it: each matched source in turn, on its own, to the same
 * destination ({@link TreeCopy}); for ADD, a source that is a local tar archive (plain, gzip,
 * bzip2, xz or zstd) is unpacked into the destination instead ({@link ArchiveUnpack}). Destinations
 * resolve inside the image through {@link LayerStack}.
 */
final class CopyStep {
  private final ImageWriter writer;
  private final Path tmp;
  private final Consumer<String> lines;

  CopyStep(ImageWriter writer, Path tmp, Consumer<String> lines) {
    this.writer = writer;
    this.tmp = tmp;
    this.lines = lines;
  }

  /**
   * One matched source: where it is read from, its path there (before following links), and whether
   * a local archive is unpacked (ADD of a context or stage file; never a download).
   */
  record Source(CopySource from, String path, boolean unpack) {}

  /**
   * What to do: the sources in order, the destination (absolute; a trailing slash means a
   * directory), and the owner and permission overrides.
   */
  record Spec(
      List<Source> sources, String dest, Optional<Users.Identity> chown, Optional<Integer> chmod) {
    Spec {
      sources = List.copyOf(sources);
    }
  }

  void copy(Spec s) {
    for (Source src : s.sources()) {
      if (src.unpack()) {
        LayerStack view = src.from().view();
        Optional<Path> real = view.find(view.resolve(src.path(), true));
        if (real.isPresent() && ArchiveUnpack.isArchive(real.get())) {
          new ArchiveUnpack(writer, tmp, lines)
              .unpack(real.get(), s.dest(), TreeCopy.created(s.chown()));
          continue;
        }
      }
      new TreeCopy(writer, src.from(), s.chown(), s.chmod()).copy(src.path(), s.dest());
    }
  }
}
