package dev.osimages.engine.export;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Step two: makes a staged export visible, atomically. manifest.json and then the md5 file are
 * written into the staging directory and fsynced; then the old set (if any) is renamed aside, the
 * staging directory renamed into place, the parent fsynced and the old set deleted. A kill
 *
 * <ul>
 *   <li>before the first rename leaves the previous set untouched (plus a hidden staging directory
 *       the next run removes);
 *   <li>between the two renames leaves no set at the target, the previous one complete under a
 *       hidden ".NAME.old-*" name, which the next export of that image moves back first;
 *   <li>after the second rename leaves the new complete set (plus a hidden old one to delete).
 * </ul>
 *
 * <p>A tarball and an md5 file never appear in the target without each other and never disagree.
 */
public final class Publisher {
  /** Publishes {@code staged} into its target directory and returns what was recorded. */
  public Manifest publish(StagedExport staged, ManifestExtras extras) {
    Path target = staged.targetDir();
    try {
      Manifest m = Manifest.of(staged, extras, Instant.now());
      writeSynced(staged.stagingDir().resolve(ImageSet.MANIFEST), m.toJson());
      writeSynced(staged.stagingDir().resolve(ImageSet.MD5), ImageSet.md5Line(staged.md5()));
      AtomicFiles.fsync(staged.stagingDir());
      Path parent = target.toAbsolutePath().getParent();
      Path aside = null;
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        aside = Staging.asideName(target);
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staged.stagingDir(), target, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.fsync(parent);
      if (aside != null) {
        Trees.delete(aside);
      }
      return m;
    } catch (IOException e) {
      throw ExportFailures.of(staged.cell(), null, target, e);
    } catch (UncheckedIOException e) {
      throw ExportFailures.of(staged.cell(), null, target, e.getCause());
    }
  }

  /** Throws a staged export away (verification failed, or the run was cancelled). */
  public void discard(StagedExport staged) {
    try {
      Trees.delete(staged.stagingDir());
      Staging.removeEmptyParents(staged.createdParents());
    } catch (UncheckedIOException e) {
      throw new EngineException(
          staged.cell()
              + ": cannot remove staging directory "
              + staged.stagingDir()
              + ": "
              + e.getCause(),
          ExitCode.FAILED,
          e);
    }
  }

  private static void writeSynced(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    AtomicFiles.fsync(file);
  }
}
