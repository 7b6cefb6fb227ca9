package dev.osimages.engine.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Hidden directories next to an image's final directory, on the same filesystem so that a rename
 * publishes them atomically: ".NAME.staging-RANDOM" while exporting, ".NAME.old-RANDOM" for the set
 * being replaced. Leftovers of a killed run are removed by the next run for the same image (the
 * scheduler never runs two exports of one image at once).
 */
final class Staging {
  private Staging() {}

  /** Creates a fresh staging directory for {@code target}, removing stale ones first. */
  static Path create(Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    removeLeftovers(target, ".staging-");
    recoverAside(target);
    removeLeftovers(target, ".old-");
    Path dir = parent.resolve(hidden(target, ".staging-"));
    Files.createDirectory(dir);
    return dir;
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
          fsync(parent);
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
        deleteTree(p);
      }
    }
  }

  private static String hidden(Path target, String kind) {
    return "." + target.getFileName() + kind + UUID.randomUUID().toString().substring(0, 8);
  }

  /** fsync of a file or a directory (a directory's fsync makes renames in it durable). */
  static void fsync(Path p) throws IOException {
    try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
      c.force(true);
    }
  }

  /** Removes a tree without following symlinks; a missing tree is fine. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Best-effort removal on a path that already failed; the first error is what matters. */
  static void deleteQuietly(Path root, Throwable primary) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
