package dev.osimages.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {
  @TempDir Path tmp;

  /** A second JVM that takes the same fcntl lock the engine takes, as another engine would. */
  private static final String HOLDER =
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

  @Test
  void anotherProcessHoldingTheLock_isWaitedFor_andNamed() throws Exception {
    StateDir state = new StateDir(Files.createDirectories(tmp.resolve("state")));
    Path source = Files.writeString(tmp.resolve("Hold.java"), HOLDER);
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                source.toString(),
                state.root().resolve("lock").toString())
            .redirectErrorStream(true)
            .start();
    try {
      var out = new BufferedReader(new InputStreamReader(other.getInputStream()));
      assertThat(out.readLine()).isEqualTo("locked");
      List<String> messages = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> acquired =
          CompletableFuture.runAsync(
              () -> {
                StateLock.acquire(state, messages::add);
                StateLock.releaseAcquired();
              });
      Thread.sleep(1500);
      assertThat(acquired).isNotDone();
      assertThat(messages)
          .singleElement()
          .asString()
          .contains("waiting for the engine process (pid " + other.pid() + ")")
          .contains(state.root().toString());
      other.destroyForcibly();
      acquired.get(20, TimeUnit.SECONDS);
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void holdsAreCountedWithinTheProcess_andReleasedAtTheEnd() throws Exception {
    StateDir state = new StateDir(tmp.resolve("state"));
    StateLock.acquire(state, m -> {});
    StateLock.acquire(state, m -> {});
    assertThat(Files.readString(state.root().resolve("lock")).strip())
        .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    StateLock.releaseAcquired();
    try (FileChannel ch = FileChannel.open(state.root().resolve("lock"), StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock()) {
      assertThat(lock).as("released, so this process can take it afresh").isNotNull();
    }
  }
}
