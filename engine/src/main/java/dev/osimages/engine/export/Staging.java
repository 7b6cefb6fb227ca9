package dev.osimages.engine.export;

import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hidden directories next to an image's final directory, on the same filesystem so that a rename
 * publishes them atomically: ".NAME.staging-RANDOM" while exporting, ".NAME.old-RANDOM" for the set
 * being replaced. Leftovers of a killed run are removed by the next run for the same image (the
 * scheduler never runs two exports of one image at once).
 */
final class Staging {
  private Staging() {}

  /**
   * A staging directory, and the parents of the image's directory that had to be created for it
   * (deepest first): a discarded export removes those again when they are empty, so a failed first
   * export of an image leaves no empty {@code <store>/<channel>/<os>/} behind.
   */
  record Area(Path dir, List<Path> createdParents) {}

  /** Creates a fresh staging directory for {@code target}, removing stale ones first. */
  static Area create(Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    List<Path> created = new ArrayList<>();
    for (Path p = parent;
        p != null && !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        p = p.getParent()) {
      created.add(p);
    }
    // Another image's discarded export may remove a shared, empty parent between our mkdir and
    // our staging directory's: create them again then.
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(parent);
        removeLeftovers(target, ".staging-");
        recoverAside(target);
        removeLeftovers(target, ".old-");
        Path dir = parent.resolve(hidden(target, ".staging-"));
        Files.createDirectory(dir);
        return new Area(dir, List.copyOf(created));
      } catch (NoSuchFileException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Removes {@code dirs} (deepest first) while they are empty; stops at the first that is not. */
  static void removeEmptyParents(List<Path> dirs) {
    for (Path d : dirs) {
      try {
        Files.deleteIfExists(d);
      } catch (IOException e) {
        return; // not empty (another image is there now) or not ours to remove: leave it
      }
    }
  }

  /**
   * A publish killed between its two renames leaves the previous set aside and none in place: put
   * it back, so the store shows the previous complete set again.
   */
  static void recoverAside(Path target) throws IOException {
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path parent = target.toAbsolutePath().getParent();
    String prefix = "." + target.getFileName() + ".old-";
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path p : ds) {
        if (Files.isRegularFile(p.resolve(ImageSet.MD5))) {
          Files.move(p, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
          AtomicFiles.fsync(parent);
          return;
        }
      }
    }
  }

  /** A fresh name beside {@code target} for the set being replaced. */
  static Path asideName(Path target) {
    return target.toAbsolutePath().getParent().resolve(hidden(target, ".old-"));
  }

  /** Deletes ".NAME{kind}*" siblings of {@code target}. */
  static void removeLeftovers(Path target, String kind) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    String prefix = "." + target.getFileName() + kind;
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path p : ds) {
        Trees.delete(p);
      }
    }
  }

  private static String hidden(Path target, String kind) {
    return "." + target.getFileName() + kind + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Best-effort removal on a path that already failed; the first error is what matters. */
  static void deleteQuietly(Path root, Throwable primary) {
    try {
      Trees.delete(root);
    } catch (UncheckedIOException e) {
      primary.addSuppressed(e.getCause());
    }
  }
}
