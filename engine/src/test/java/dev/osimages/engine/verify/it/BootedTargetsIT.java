package dev.osimages.engine.verify.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the test image in systemd-nspawn and in QEMU (TCG) through the real command line: the ssh
 * service runs, and one deliberately broken check fails the run with exit code 1.
 */
class BootedTargetsIT {
  private static final String SUITE =
      """
      service:
        ssh:
          enabled: true
          running: true
      process:
        sshd:
          running: true
      port:
        tcp:22:
          listening: true
      command:
        systemctl is-active ssh:
          exit-status: 0
          stdout: ["active"]
      file:
        /etc/deliberately-broken-check:
          exists: true
      """;

  @TempDir Path dir;

  @BeforeAll
  static void root() {
    NeedsRoot.assume("mmdebstrap for the test image, overlayfs, systemd-nspawn, the VM's disk");
  }

  private static final String RUNTIME_SUITE =
      """
      kernel-param:
        net.ipv6.conf.all.forwarding:
          value: "0"
      mount:
        /:
          exists: true
          filesystem: overlay
      interface:
        lo:
          exists: true
          mtu: 65536
      port:
        tcp6:22:
          listening: true
          ip: ["::"]
      """;

  private String[] run(String target, String... extra) throws Exception {
    return runSuite(SUITE, target, extra);
  }

  private String[] runSuite(String suite, String target, String... extra) throws Exception {
    Path f = dir.resolve("goss.yaml");
    Files.writeString(f, suite);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] base = {
      "verify",
      "--rootfs",
      TestImage.rootfs().toString(),
      "--gossfile",
      f.toString(),
      "--target",
      target,
      "--format",
      "tap"
    };
    String[] args =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
            .toArray(String[]::new);
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  private static void assertSshRunsAndBrokenCheckFails(String[] r) {
    assertThat(r[1])
        .as(r[2])
        .contains("ok 4 - Service: ssh: running: matches expectation: true")
        .contains("Process: sshd: running: matches expectation: true")
        .contains("Port: tcp:22: listening: matches expectation: true")
        .contains("not ok 5 - File: /etc/deliberately-broken-check: exists:")
        .doesNotContain("not ok 1 ")
        .doesNotContain("not ok 4 ");
    assertThat(r[0]).isEqualTo("1");
  }

  @Test
  void boot_sshRuns_brokenCheckFailsWithExit1() throws Exception {
    assertSshRunsAndBrokenCheckFails(run("boot", "--boot-timeout", "60s"));
    assertThat(TestImage.rootfs().resolve("var/lib/engine-verify")).doesNotExist();
    assertThat(TestImage.rootfs().resolve("etc/systemd/system/engine-verify.service"))
        .doesNotExist();
  }

  @Test
  void boot_runtimeResources_kernelParamMountInterfacePort() throws Exception {
    String[] r = runSuite(RUNTIME_SUITE, "boot", "--boot-timeout", "60s");
    assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
    assertThat(r[1]).contains("1..7").doesNotContain("not ok").doesNotContain("SKIP");
  }

  @Test
  void boot_hostKernelParams_areSkippedWithTheReason() throws Exception {
    String[] r =
        runSuite(
            "kernel-param:\n  kernel.printk:\n    value: \"2\\t4\\t1\\t7\"\n"
                + "  net.ipv6.conf.all.forwarding:\n    value: \"0\"\n",
            "boot",
            "--boot-timeout",
            "60s");
    assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
    assertThat(r[1]).contains("ok 1 - # SKIP KernelParam: kernel.printk: value");
    assertThat(r[2])
        .contains(
            "kernel.printk: value: skipped: kernel parameter kernel.printk"
                + " belongs to the host's kernel");
    assertThat(r[1]).contains("ok 2 - KernelParam: net.ipv6.conf.all.forwarding: value: matches");
  }

  @Test
  void vm_sshRuns_brokenCheckFailsWithExit1_andConsoleLogIsShown() throws Exception {
    // the engine's default boot timeout (10 min): under TCG with the max CPU model on a host at
    // load 25 to 35, 480 s ran out before the guest's first results
    String[] r = run("vm");
    assertSshRunsAndBrokenCheckFails(r);
    assertThat(r[2]).contains("console log of the failed vm target");
    assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain("engine-verify");
  }
}
