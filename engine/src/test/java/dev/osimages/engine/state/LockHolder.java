package dev.osimages.engine.state;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second JVM that takes the fcntl lock of a state directory, as another engine process would, and
 * holds it until it is destroyed.
 */
public final class LockHolder implements AutoCloseable {
  private static final String SOURCE =
      """
      import java.nio.channels.FileChannel;
      import java.nio.file.*;
      public class Hold {
        public static void main(String[] a) throws Exception {
          FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
              StandardOpenOption.READ, StandardOpenOption.WRITE);
          ch.lock();
          ch.truncate(0);
          ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\\n").getBytes()), 0);
          System.out.println("locked");
          Thread.sleep(600_000);
        }
      }
      """;

  private final Process process;

  private LockHolder(Process process) {
    this.process = process;
  }

  /** Starts the holder and returns once it holds the lock of {@code state}. */
  public static LockHolder hold(StateDir state, Path scratch) throws IOException {
    Files.createDirectories(state.root());
    Path source = Files.writeString(scratch.resolve("Hold.java"), SOURCE);
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                source.toString(),
                state.root().resolve("lock").toString())
            .redirectErrorStream(true)
            .start();
    String first = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
    if (!"locked".equals(first)) {
      p.destroyForcibly();
      throw new IOException("the lock holder did not start: " + first);
    }
    return new LockHolder(p);
  }

  /** The holder's process id, which the engine names while it waits. */
  public long pid() {
    return process.pid();
  }

  /** Ends the holder; the kernel releases its lock. */
  @Override
  public void close() {
    process.destroyForcibly();
  }
}
