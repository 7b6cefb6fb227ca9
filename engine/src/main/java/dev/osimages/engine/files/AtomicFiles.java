package dev.osimages.engine.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes small files so that readers see the old content or the new, never a part: a temporary file
 * beside the target, fsynced, renamed over it, and the directory fsynced.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Replaces {@code target} with {@code text} (UTF-8), creating parent directories. */
  public static void write(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces {@code target} with {@code bytes}, creating parent directories. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fsync(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * fsync of a file or a directory: the engine's one way to make written data (a file) or a rename
   * or creation inside it (a directory) durable.
   */
  public static void fsync(Path fileOrDirectory) throws IOException {
    try (FileChannel ch = FileChannel.open(fileOrDirectory, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
