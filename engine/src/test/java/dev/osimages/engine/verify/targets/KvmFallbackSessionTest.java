package dev.osimages.engine.verify.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decision to restart a KVM guest under TCG, with real processes standing in for QEMU: they
 * write the console file the way a guest's serial port would.
 */
class KvmFallbackSessionTest {
  private static final Duration LIMIT = Duration.ofMillis(400);

  @Test
  void guestSilentUnderKvm_isRestartedUnderTcg() throws Exception {
    try (Session s = start("sleep 30")) {
      assertThat(pollUntilFellBack(s.fallback, Duration.ofSeconds(10))).isTrue();
      assertThat(waitForConsole(s.fallback, "Linux version 6.1.0-tcg")).isTrue();
    }
  }

  @Test
  void kernelBannerUnderKvm_keepsKvm() throws Exception {
    try (Session s = start("echo 'Linux version 6.1.0-kvm (gcc)' >> '%console%'; sleep 30")) {
      // consoleLog() does not run the check: wait for the banner, then poll past the limit.
      assertThat(waitForConsole(s.fallback, "6.1.0-kvm")).isTrue();
      assertThat(pollUntilFellBack(s.fallback, LIMIT.multipliedBy(5))).isFalse();
    }
  }

  @Test
  void kvmInternalErrorInTheHypervisorLog_fallsBackAtOnce() throws Exception {
    try (Session s =
        start("echo 'KVM internal error. Suberror: 1'; sleep 30", Duration.ofHours(1))) {
      assertThat(pollUntilFellBack(s.fallback, Duration.ofSeconds(10))).isTrue();
    }
  }

  private record Session(Workdir dir, KvmFallbackSession fallback) implements AutoCloseable {
    @Override
    public void close() {
      fallback.close();
    }
  }

  private static Session start(String kvmScript) throws Exception {
    return start(kvmScript, LIMIT);
  }

  private static Session start(String kvmScript, Duration limit) throws Exception {
    Workdir w = new Workdir(TargetOptions.DEFAULT_SCRATCH, "engine-kvm-test-");
    Path console = w.resolve("console.log");
    Path results = Files.createFile(w.resolve("results.log"));
    Path hvLog = w.resolve("hypervisor.log");
    List<String> kvm = List.of("sh", "-c", kvmScript.replace("%console%", console.toString()));
    List<String> tcg =
        List.of("sh", "-c", "echo 'Linux version 6.1.0-tcg' >> '" + console + "'; sleep 30");
    FileSession session = new FileSession(w, ManagedProcess.start(kvm, hvLog), results, console);
    return new Session(
        w, new KvmFallbackSession(session, hvLog, () -> ManagedProcess.start(tcg, hvLog), limit));
  }

  private static boolean pollUntilFellBack(KvmFallbackSession s, Duration within)
      throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < end) {
      s.running(); // what the collector calls while it waits for results
      if (s.fellBack()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static boolean waitForConsole(KvmFallbackSession s, String text)
      throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (s.consoleLog().contains(text)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
