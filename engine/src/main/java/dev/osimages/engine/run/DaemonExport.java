package dev.osimages.engine.run;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.DaemonImage;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.LogLine;
import dev.osimages.engine.export.ExportOptions;
import dev.osimages.engine.export.Exporter;
import dev.osimages.engine.export.StagedExport;
import dev.osimages.engine.export.tar.TarEntry;
import dev.osimages.engine.host.Tarballs;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Export and verification input for a result kept by a daemon (the Docker backend). The image's tar
 * stream goes straight into the exporter (nothing uncompressed on disk), each member edited as the
 * image says (Docker's placeholders dropped, hygiene applied). Verification needs a directory: the
 * staged tarball itself is unpacked into a scratch directory, so the suites check exactly the bytes
 * provisioning will get.
 */
final class DaemonExport {
  private final Path scratchRoot;
  private final EventListener events;

  DaemonExport(Path scratchRoot, EventListener events) {
    this.scratchRoot = scratchRoot;
    this.events = events;
  }

  /** Streams {@code image} into a staged export; the export container is removed either way. */
  StagedExport stage(String cell, DaemonImage image, Path targetDir, ExportOptions options) {
    try (InputStream tar = image.openTar()) {
      return new Exporter(events).stage(cell, tar, targetDir, options, e -> edit(image, e));
    } catch (IOException e) {
      throw new EngineException(
          cell + ": export: closing the image stream: " + e.getMessage(), ExitCode.FAILED, e);
    }
  }

  /** Unpacks the staged tarball into a fresh directory under the scratch root. */
  Path unpack(String cell, StagedExport staged) {
    try {
      Files.createDirectories(scratchRoot);
      Path dir = Files.createTempDirectory(scratchRoot, "verify-");
      Path rootfs = Files.createDirectory(dir.resolve("rootfs"));
      Tarballs.extract(staged.tarball(), rootfs, l -> events.on(new LogLine(cell, "unpack", l)));
      return rootfs;
    } catch (IOException e) {
      throw new EngineException(
          cell + ": verify: cannot unpack into " + scratchRoot + ": " + e.getMessage(),
          ExitCode.FAILED,
          e);
    }
  }

  /** Removes what {@link #unpack} made. */
  static void remove(Path rootfs) {
    Trees.delete(rootfs.getParent());
  }

  private static Optional<TarEntry> edit(DaemonImage image, TarEntry e) {
    DaemonImage.Edit what = image.edit(e.imagePath(), kind(e), e.size(), e.linkTarget());
    switch (what) {
      case DROP:
        return Optional.empty();
      case EMPTY:
        return Optional.of(e.emptied());
      default:
        return Optional.of(e);
    }
  }

  private static DaemonImage.Kind kind(TarEntry e) {
    switch (e.type()) {
      case FILE:
        return DaemonImage.Kind.FILE;
      case DIRECTORY:
        return DaemonImage.Kind.DIRECTORY;
      case SYMLINK:
        return DaemonImage.Kind.SYMLINK;
      default:
        return DaemonImage.Kind.OTHER;
    }
  }
}
