package dev.osimages.engine.verify.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The offline target: runs the probe chrooted into an overlay of the image, in new mount, pid, uts,
 * ipc and network namespaces with /proc, /sys and /dev bound only there. Commands can write (to the
 * overlay) but the image tree is never touched, and nothing outlives the namespace. The network is
 * loopback only, as a RUN step's with {@code --network=none}: a suite's commands reach nothing
 * outside the image, the build host's loopback services included.
 */
public final class RootfsTarget implements Target {
  private static final String PROBE = "/.engine-verify/probe.sh";

  @Override
  public String name() {
    return "rootfs";
  }

  @Override
  public boolean booted() {
    return false;
  }

  @Override
  public TargetSession start(Path rootfs, String probeScript, TargetOptions options)
      throws IOException {
    try (Workdir w = new Workdir("engine-verify-rootfs-")) {
      w.writeUpper(PROBE, probeScript, "rwx------");
      String m = "'" + w.resolve("merged") + "'";
      String setup =
          "set -e\nip link set lo up\n"
              + Overlay.mountLines(rootfs, w)
              + "mkdir -p "
              + m
              + "/proc "
              + m
              + "/sys "
              + m
              + "/dev\n"
              + "mount -t proc proc "
              + m
              + "/proc\n"
              + "mount --rbind /sys "
              + m
              + "/sys\nmount --rbind /dev "
              + m
              + "/dev\n"
              + "exec chroot "
              + m
              + " /bin/sh "
              + PROBE
              + "\n";
      Path out = w.resolve("out");
      Path log = w.resolve("log");
      List<String> cmd =
          List.of(
              "unshare",
              "--mount",
              "--propagation",
              "private",
              "--pid",
              "--fork",
              "--uts",
              "--ipc",
              "--net",
              "sh",
              "-c",
              setup);
      try (ManagedProcess p = ManagedProcess.start(cmd, out, log)) {
        long limit = Math.max(options.bootTimeout().toMillis(), 60_000);
        if (p.waitFor(limit) < 0) {
          Files.writeString(
              log,
              "probe timed out after " + limit + " ms\n",
              java.nio.file.StandardOpenOption.APPEND);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return finished(Files.readString(out), Files.readString(log));
    }
  }

  private static TargetSession finished(String results, String log) {
    return new TargetSession() {
      @Override
      public String results() {
        return results;
      }

      @Override
      public boolean running() {
        return false;
      }

      @Override
      public String consoleLog() {
        return log;
      }

      @Override
      public void close() {}
    };
  }
}
