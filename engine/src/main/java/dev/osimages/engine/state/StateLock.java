package dev.osimages.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One engine process at a time per state directory: an exclusive lock on {@code <state>/lock}
 * (fcntl, released by the kernel when the process dies, so a killed engine never leaves it held). A
 * second process waits for it and says so, rather than rebuild a layer or prune a cache entry under
 * the first one's feet. Commands running in the same process (tests drive the CLI in-process) share
 * the hold; each command releases what it acquired when it ends.
 */
public final class StateLock {
  private static final Map<Path, Held> HELD = new HashMap<>();
  private static final ThreadLocal<List<Path>> ACQUIRED = ThreadLocal.withInitial(ArrayList::new);

  private StateLock() {}

  private static final class Held {
    final FileChannel channel;
    final FileLock lock;
    int count;

    Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }
  }

  /**
   * Holds the lock of {@code state} until {@link #releaseAcquired()} runs on this thread, waiting
   * for another process that holds it; {@code waiting} hears once who is being waited for. Returns
   * true when this call took the lock for the process (no other command of it holds it): then no
   * engine at all is at work in the state directory, and leftovers there are a dead one's.
   */
  public static synchronized boolean acquire(StateDir state, Consumer<String> waiting) {
    Path file = state.root().resolve("lock");
    Held held = HELD.get(file);
    boolean fresh = held == null;
    if (fresh) {
      held = lock(file, waiting);
      HELD.put(file, held);
    }
    held.count++;
    ACQUIRED.get().add(file);
    return fresh;
  }

  /** Releases every hold this thread acquired (the end of a command). */
  public static synchronized void releaseAcquired() {
    for (Path file : ACQUIRED.get()) {
      Held held = HELD.get(file);
      if (held != null && --held.count == 0) {
        HELD.remove(file);
        try {
          held.lock.release();
          held.channel.close();
        } catch (IOException e) {
          // Closing the channel releases the lock in any case; nothing else to undo.
        }
      }
    }
    ACQUIRED.remove();
  }

  private static Held lock(Path file, Consumer<String> waiting) {
    try {
      Files.createDirectories(file.getParent());
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        FileLock lock = ch.tryLock();
        if (lock == null) {
          waiting.accept(
              "waiting for the engine process "
                  + holder(file)
                  + " that is using the state directory "
                  + file.getParent());
          lock = ch.lock();
        }
        ch.truncate(0);
        ch.write(
            ByteBuffer.wrap(
                (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
            0);
        return new Held(ch, lock);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the state directory: " + file, e);
    }
  }

  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return pid.isEmpty() ? "(pid unknown)" : "(pid " + pid + ")";
    } catch (IOException e) {
      return "(pid unknown)";
    }
  }
}
