package dev.osimages.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostCommandCleanupTest {

  @Test
  void runsOnce_whoeverCallsFirst() {
    AtomicInteger runs = new AtomicInteger();
    HostCommand.Cleanup c = HostCommand.atShutdown(runs::incrementAndGet);
    c.run();
    c.run();
    assertThat(runs).hasValue(1);
  }

  @Test
  void secondCaller_waitsUntilTheFirstHasFinished() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    HostCommand.Cleanup c =
        HostCommand.atShutdown(
            () -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              finished.incrementAndGet();
            });
    Thread first = new Thread(c);
    first.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    Thread second = new Thread(c);
    second.start();
    second.join(300);
    assertThat(second.isAlive()).as("second caller returned while the work was running").isTrue();
    release.countDown();
    second.join(10_000);
    first.join(10_000);
    assertThat(second.isAlive()).isFalse();
    assertThat(finished).hasValue(1);
  }
}
