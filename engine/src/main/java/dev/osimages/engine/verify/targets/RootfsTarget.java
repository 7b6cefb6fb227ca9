package dev.osimages.engine.verify.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The offline target: runs the probe chrooted into a read-only view of the image, in new mount,
 * pid, uts, ipc and network namespaces. The network namespace has only its own loopback, so a port
 * or command check sees the image's listeners (none) and never the host's; the hostname is the
 * image's own; /proc, /sys, a minimal /dev and an empty /run are mounted only there. The probe and
 * its temporary files live under /run (as on a booted system, a tmpfs), so the image's /tmp shows
 * exactly what the image holds. Nothing outlives the namespace.
 */
public final class RootfsTarget implements Target {
  static final String DIR = "/run/engine-verify";

  @Override
  public String name() {
    return "rootfs";
  }

  @Override
  public boolean booted() {
    return false;
  }

  @Override
  public TargetSession start(SystemImage image, String probeScript, TargetOptions options)
      throws IOException {
    try (Workdir w = new Workdir("engine-verify-rootfs-")) {
      Path probe = w.resolve("probe.sh");
      Files.writeString(probe, probeScript);
      Path root = w.resolve("root");
      String setup =
          "set -e\nM='"
              + root
              + "'\n"
              + Overlay.readOnlyLines(image.layers(), root)
              + Overlay.API_FILESYSTEMS
              + "mkdir -p \"$M"
              + DIR
              + "/tmp\"\ncp '"
              + probe
              + "' \"$M"
              + DIR
              + "/probe.sh\"\n"
              + "h=$(chroot \"$M\" /bin/sh -c 'head -n 1 /etc/hostname' 2>/dev/null || true)\n"
              + "hostname \"${h:-localhost}\"\n"
              + "exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
              + " HOME=/root TMPDIR="
              + DIR
              + "/tmp chroot \"$M\" /bin/sh "
              + DIR
              + "/probe.sh\n";
      Path out = w.resolve("out");
      Path log = w.resolve("log");
      List<String> cmd = Overlay.isolated(setup);
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
