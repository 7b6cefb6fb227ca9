package dev.osimages.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Test
  void anotherProcessHoldingTheLock_isWaitedFor_andNamed() throws Exception {
    StateDir state = new StateDir(tmp.resolve("state"));
    try (LockHolder other = LockHolder.hold(state, tmp)) {
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
      other.close();
      acquired.get(20, TimeUnit.SECONDS);
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
