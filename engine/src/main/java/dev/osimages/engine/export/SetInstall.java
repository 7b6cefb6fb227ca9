package dev.osimages.engine.export;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Puts a set that was made elsewhere (fetched from a registry) into the store as {@link Publisher}
 * does with an export: its files go into a hidden staging directory beside the target, the whole
 * set is checked ({@link ImageSetChecker}: lz4 frames, md5, sha256, every file manifest.json
 * records), and only a sound set replaces the target, by rename. Closing without a commit discards
 * it.
 */
public final class SetInstall implements AutoCloseable {
  private final String cell;
  private final Path target;
  private final Staging.Area area;
  private boolean committed;

  private SetInstall(String cell, Path target, Staging.Area area) {
    this.cell = cell;
    this.target = target;
    this.area = area;
  }

  /** A fresh staging directory for the set of {@code cell} at {@code target}. */
  public static SetInstall begin(String cell, Path target) {
    try {
      return new SetInstall(cell, target, Staging.create(target));
    } catch (IOException e) {
      throw new EngineException(
          cell + ": cannot create a staging directory beside " + target + ": " + e.getMessage(),
          ExitCode.FAILED,
          e);
    }
  }

  /** Where the set's files are to be written. */
  public Path dir() {
    return area.dir();
  }

  /**
   * Checks the staged set (its tarball's sha256 must be {@code sha256} when given) and moves it
   * into place; throws, leaving the previous set untouched, when it is not sound.
   */
  public ImageSetChecker.Result commit(Optional<String> sha256) {
    ImageSetChecker.Result r = new ImageSetChecker().check(area.dir());
    if (!r.ok()) {
      throw new EngineException(
          cell
              + ": the fetched set fails its checks: "
              + r.problems().get(0).replace(area.dir().toString(), target.toString())
              + (r.problems().size() > 1 ? " (and " + (r.problems().size() - 1) + " more)" : ""),
          ExitCode.FAILED);
    }
    if (sha256.isPresent() && !sha256.get().equals(r.sha256())) {
      throw new EngineException(
          cell
              + ": the fetched img.tar.lz4 has sha256 "
              + r.sha256()
              + ", the image names "
              + sha256.get(),
          ExitCode.FAILED);
    }
    try {
      Path aside = null;
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        aside = Staging.asideName(target);
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(area.dir(), target, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.fsync(target.toAbsolutePath().getParent());
      committed = true;
      if (aside != null) {
        Trees.delete(aside);
      }
      return r;
    } catch (IOException | UncheckedIOException e) {
      throw new EngineException(
          cell + ": cannot move the fetched set into " + target + ": " + e.getMessage(),
          ExitCode.FAILED,
          e);
    }
  }

  /** Discards the staged set unless it was committed. */
  @Override
  public void close() {
    if (!committed) {
      Staging.deleteQuietly(area.dir(), new IOException("discarding " + area.dir()));
      Staging.removeEmptyParents(area.createdParents());
    }
  }
}
