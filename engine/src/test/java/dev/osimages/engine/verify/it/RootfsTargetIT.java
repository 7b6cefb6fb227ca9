package dev.osimages.engine.verify.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.verify.Suite;
import dev.osimages.engine.verify.Verifier;
import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.VerifyRequest;
import dev.osimages.engine.verify.resource.TestResult;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every offline resource against a real Debian root filesystem, chrooted in namespaces. */
class RootfsTargetIT {
  @TempDir Path dir;

  @BeforeAll
  static void root() {
    NeedsRoot.assume("mmdebstrap for the test image, overlayfs and chroot");
  }

  private VerifyReport verify(String suite) throws Exception {
    Path f = dir.resolve("goss.yaml");
    Files.writeString(f, suite);
    return new Verifier(Map.of())
        .verify(
            new VerifyRequest(
                "it/rootfs",
                TestImage.rootfs(),
                List.of(new Suite(f, Map.of())),
                TargetKind.ROOTFS,
                TargetOptions.defaults()),
            EventListener.NONE);
  }

  private static String digest(String algo, Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance(algo).digest(Files.readAllBytes(file)));
  }

  @Test
  void offlineResources_passOnARealImage() throws Exception {
    Path passwd = TestImage.rootfs().resolve("etc/passwd");
    String suite =
        """
        file:
          /etc/passwd:
            exists: true
            mode: "0644"
            owner: root
            group: root
            uid: 0
            gid: 0
            filetype: file
            size: %d
            contents: ["root:x:0:0", "/^sshd?:/", "!/^nobodyelse:/"]
            md5: %s
            sha256: %s
            sha512: %s
          /bin:
            exists: true
            filetype: symlink
            linked-to: usr/bin
          /etc:
            exists: true
            filetype: directory
          /etc/no-such-file:
            exists: false
        package:
          openssh-server:
            installed: true
            versions: [{have-prefix: "1:"}]
          no-such-package:
            installed: false
        service:
          ssh:
            enabled: true
            running: true
        user:
          root:
            exists: true
            uid: 0
            gid: 0
            home: /root
            shell: /bin/bash
            groups: [root]
        group:
          root:
            exists: true
            gid: 0
        command:
          echo out; echo err >&2; exit 3:
            exit-status: 3
            stdout: |
              out
            stderr: ["err"]
          sleep 5:
            exit-status: 0
            timeout: 500
        matching:
          a list:
            content: [1, 2]
            matches: {contain-element: 2}
        process:
          sshd:
            running: true
        """
            .formatted(
                Files.size(passwd),
                digest("MD5", passwd),
                digest("SHA-256", passwd),
                digest("SHA-512", passwd));
    VerifyReport r = verify(suite);
    List<TestResult> failed = r.results().stream().filter(t -> !t.successful()).toList();
    assertThat(failed).extracting(TestResult::resourceId).containsExactly("sleep 5");
    assertThat(failed.get(0).err()).startsWith("Command execution timed out");
    assertThat(r.skippedCount())
        .as("service running and process need a booted system")
        .isEqualTo(2);
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void commands_seeAReadOnlyImage_andCannotChangeIt() throws Exception {
    VerifyReport r =
        verify(
            "command:\n  touch /verify-was-here:\n    exit-status: 1\n"
                + "    stderr: [\"Read-only file system\"]\n"
                + "  rm -f /etc/hostname; test -e /etc/passwd:\n    exit-status: 0\n");
    assertThat(r.exitCode()).as(r.results().toString()).isZero();
    assertThat(TestImage.rootfs().resolve("verify-was-here")).doesNotExist();
    assertThat(TestImage.rootfs().resolve(".engine-verify")).doesNotExist();
    assertThat(TestImage.rootfs().resolve("run/engine-verify")).doesNotExist();
    assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain("engine-verify");
  }

  @Test
  void commands_seeTheImagesTmpAndHostname_notTheEnginesOrTheHosts() throws Exception {
    java.util.Set<String> before = listing(TestImage.rootfs().resolve("tmp"));
    Path hostnameFile = TestImage.rootfs().resolve("etc/hostname");
    String name =
        Files.isRegularFile(hostnameFile)
            ? Files.readAllLines(hostnameFile).get(0).strip()
            : "localhost";
    VerifyReport r =
        verify(
            "command:\n  ls -A /tmp | wc -l:\n    exit-status: 0\n    stdout: |\n      "
                + before.size()
                + "\n  hostname:\n    exit-status: 0\n    stdout: |\n      "
                + name
                + "\n");
    assertThat(r.exitCode()).as(r.results().toString()).isZero();
  }

  @Test
  void commands_runInAPrivateNetwork_aHostListenerIsNotSeen() throws Exception {
    try (java.net.ServerSocket host =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String hexPort = String.format(":%04X ", host.getLocalPort());
      VerifyReport r =
          verify(
              "command:\n  cat /proc/net/tcp /proc/net/tcp6:\n    exit-status: 0\n"
                  + "    stdout: [\"!"
                  + hexPort
                  + "\"]\n"
                  + "  cat /sys/class/net/lo/operstate; ls /sys/class/net:\n"
                  + "    exit-status: 0\n    stdout: |\n      unknown\n      lo\n");
      assertThat(r.exitCode()).as(r.results().toString()).isZero();
      String hostTable =
          Files.readString(Path.of("/proc/net/tcp")) + Files.readString(Path.of("/proc/net/tcp6"));
      assertThat(hostTable).as("the check could fail: the host does list it").contains(hexPort);
    }
  }

  private static java.util.Set<String> listing(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }

  @Test
  void commands_runInTheImageNotOnTheHost() throws Exception {
    VerifyReport r =
        verify(
            "command:\n  cat /etc/debian_version:\n    exit-status: 0\n    stdout: [\"/^13/\"]\n");
    assertThat(r.exitCode()).as(r.results().toString()).isZero();
  }
}
