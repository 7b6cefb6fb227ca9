package dev.osimages.engine.verify.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small Debian image with systemd, ssh, FRR and a kernel the integration tests boot, built once
 * per test run with real mmdebstrap (about 60-90 s on a quiet machine). ENGINE_VERIFY_IT_ROOTFS
 * reuses a tree built earlier with the same command (local iteration only).
 */
final class TestImage {
  private static Path rootfs;

  private TestImage() {}

  static synchronized Path rootfs() throws IOException, InterruptedException {
    if (rootfs != null) {
      return rootfs;
    }
    String reuse = System.getenv("ENGINE_VERIFY_IT_ROOTFS");
    if (reuse != null && Files.isDirectory(Path.of(reuse, "boot"))) {
      return rootfs = Path.of(reuse);
    }
    Path top = Files.createTempDirectory(Path.of("/var/tmp"), "verify-it-image-");
    Path dir = top.resolve("rootfs");
    // Removed when the test JVM exits: the tree is ~350 MB and root-owned.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    new ProcessBuilder("rm", "-rf", "--one-file-system", top.toString())
                        .start()
                        .waitFor();
                  } catch (IOException e) {
                    // best effort: the directory is under /var/tmp
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    Process p =
        new ProcessBuilder(
                "mmdebstrap",
                "--variant=minbase",
                "--include=systemd,systemd-sysv,openssh-server,"
                    + "linux-image-amd64,udev,procps,frr",
                "trixie",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.getParent().resolve("mmdebstrap.log").toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new IOException("mmdebstrap failed; see " + dir.getParent().resolve("mmdebstrap.log"));
    }
    return rootfs = dir;
  }
}
