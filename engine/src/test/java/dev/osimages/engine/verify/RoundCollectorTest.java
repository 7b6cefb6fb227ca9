package dev.osimages.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.verify.resource.ResourceDecl;
import dev.osimages.engine.verify.resource.ResourceKind;
import dev.osimages.engine.verify.targets.Accel;
import dev.osimages.engine.verify.targets.BootTarget;
import dev.osimages.engine.verify.targets.Hypervisor;
import dev.osimages.engine.verify.targets.TargetOptions;
import dev.osimages.engine.verify.targets.TargetSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * goss's --retry-timeout semantics over probe rounds. The session is scripted (a booted guest
 * cannot be made to fail on cue); the real boots are in BootedTargetsIT.
 */
class RoundCollectorTest {
  private static final List<ResourceDecl> SUITE =
      List.of(new ResourceDecl(ResourceKind.PROCESS, "sshd", Map.of("running", true), "g:1"));

  private static String round(boolean sshdRunning) {
    String procs = sshdRunning ? "systemd\nsshd\n" : "systemd\n";
    return "BEGIN\nF\tG\tprocs\t"
        + Base64.getEncoder().encodeToString(procs.getBytes(StandardCharsets.UTF_8))
        + "\nEND\n";
  }

  /** A session that reveals one more scripted chunk of output per poll. */
  private static TargetSession scripted(String... chunks) {
    Deque<String> pending = new ArrayDeque<>(List.of(chunks));
    StringBuilder shown = new StringBuilder();
    return new TargetSession() {
      @Override
      public String results() {
        if (!pending.isEmpty()) {
          shown.append(pending.poll());
        }
        return shown.toString();
      }

      @Override
      public boolean running() {
        return !pending.isEmpty();
      }

      @Override
      public String consoleLog() {
        return "console";
      }

      @Override
      public void close() {}
    };
  }

  private static VerifyReport collect(Duration retry, TargetSession s) {
    TargetOptions o =
        new TargetOptions(
            retry, Duration.ofSeconds(1), Duration.ofSeconds(5), 1, 1, Accel.TCG, Hypervisor.QEMU);
    VerifyRequest req = new VerifyRequest("c/1", Path.of("/"), List.of(), TargetKind.BOOT, o);
    return new RoundCollector(req, new BootTarget(), SUITE, s).collect(Instant.now());
  }

  @Test
  void withoutRetry_firstRoundIsFinal() {
    VerifyReport r = collect(Duration.ZERO, scripted("", round(false), round(true)));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.consoleLog()).isEqualTo("console");
  }

  @Test
  void withRetry_aLaterPassingRoundWins() {
    VerifyReport r =
        collect(Duration.ofSeconds(30), scripted(round(false), round(false), round(true)));
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void withRetry_neverPassing_exits3() {
    VerifyReport r =
        collect(Duration.ofSeconds(30), scripted(round(false), round(false), "DONE\n"));
    assertThat(r.exitCode()).isEqualTo(3);
  }

  @Test
  void noRoundBeforeTheSystemStops_isAnErrorWithTheConsole() {
    assertThatThrownBy(() -> collect(Duration.ZERO, scripted("", "")))
        .isInstanceOf(VerifyException.class)
        .hasMessageContaining("the system stopped before the probe reported")
        .hasMessageContaining("console");
  }
}
