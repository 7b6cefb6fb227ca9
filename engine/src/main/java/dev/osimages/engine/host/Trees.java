package dev.osimages.engine.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Directory trees in the state directory: recursive removal that never follows a symlink (image
 * trees are full of links to absolute host paths) and publishing by atomic rename.
 */
public final class Trees {
  private Trees() {}

  /** Removes {@code root} and everything below it; links are removed, never followed. */
  public static void delete(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a)
                throws IOException {
              // overlayfs leaves its work directory mode 000; root may still need +rwx to list it.
              dir.toFile().setExecutable(true, true);
              dir.toFile().setReadable(true, true);
              dir.toFile().setWritable(true, true);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              // Gone already (a killed tool's last writes, a concurrent removal): nothing to do.
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
              }
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root, e);
    }
  }

  /** Publishes {@code tmp} as {@code target}, replacing an existing {@code target}. */
  public static void replace(Path tmp, Path target) {
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Path old = target.resolveSibling(".old-" + target.getFileName() + "-" + System.nanoTime());
      try {
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot replace " + target, e);
      }
      delete(old);
    }
    publish(tmp, target);
  }

  /**
   * Publishes {@code tmp} as {@code target} by rename. Returns false (and removes {@code tmp}) when
   * another build published {@code target} first; the two are equivalent by construction.
   */
  public static boolean publish(Path tmp, Path target) {
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        delete(tmp);
        return false;
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      delete(tmp);
      return false;
    } catch (AtomicMoveNotSupportedException e) {
      throw new IllegalStateException("state directory spans filesystems: " + tmp, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + target, e);
    }
  }
}
