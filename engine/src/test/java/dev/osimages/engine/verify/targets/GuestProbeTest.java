package dev.osimages.engine.verify.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a booted target adds to the image's overlay: the probe, its loop and its unit. */
class GuestProbeTest {
  @Test
  void install_writesProbeLoopAndAUnitWantedByMultiUser_onlyIntoTheUpperDir() throws Exception {
    TargetOptions o =
        new TargetOptions(
            Duration.ofSeconds(150),
            Duration.ofMillis(2500),
            Duration.ofMinutes(10),
            1024,
            2,
            Accel.AUTO,
            Hypervisor.QEMU);
    try (Workdir w = new Workdir("engine-guestprobe-test-")) {
      GuestProbe.install(w, "echo BEGIN\necho END\n", "/dev/ttyS1", o);
      Path upper = w.resolve("upper");
      Path probe = upper.resolve("var/lib/engine-verify/probe.sh");
      assertThat(probe).hasContent("echo BEGIN\necho END");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)))
          .isEqualTo("rwx------");
      String loop = Files.readString(upper.resolve("var/lib/engine-verify/loop.sh"));
      assertThat(loop)
          .startsWith("#!/bin/sh\nsystemctl is-system-running --wait")
          .contains("end=$(( $(date +%s) + 150 ))")
          .contains("cat /var/lib/engine-verify/round >> /dev/ttyS1")
          .contains("sleep 2.5\n")
          .contains("echo DONE >> /dev/ttyS1\nsystemctl --no-block poweroff\n");
      String unit = Files.readString(upper.resolve("etc/systemd/system/engine-verify.service"));
      assertThat(unit)
          .contains("Type=simple", "ExecStart=/bin/sh /var/lib/engine-verify/loop.sh")
          .contains("WantedBy=multi-user.target")
          .doesNotContain("Before=multi-user.target");
      Path wants =
          upper.resolve("etc/systemd/system/multi-user.target.wants/engine-verify.service");
      assertThat(Files.readSymbolicLink(wants))
          .isEqualTo(Path.of("/etc/systemd/system/engine-verify.service"));
      try (var files = Files.walk(w.path())) {
        assertThat(files.filter(Files::isRegularFile))
            .allMatch(f -> f.startsWith(upper), "everything lies under the upper dir");
      }
    }
  }
}
