package dev.osimages.engine.verify.targets;

import java.io.IOException;

/**
 * Installs the probe into a booted target's overlay: the probe script, a loop that waits for the
 * boot to finish ({@code systemctl is-system-running --wait}), runs the probe every sleep until the
 * retry timeout, writes each round to the results channel, then powers off; and a Type=simple unit
 * wanted by multi-user.target that starts it (a oneshot ordered before multi-user would deadlock
 * the wait). None of it is in the image itself.
 */
final class GuestProbe {
  static final String DIR = "/var/lib/engine-verify";

  private GuestProbe() {}

  static void install(Workdir w, String probe, String channel, TargetOptions o) throws IOException {
    w.writeUpper(DIR + "/probe.sh", probe, "rwx------");
    String loop =
        "#!/bin/sh\n"
            + "systemctl is-system-running --wait >/dev/null 2>&1\n"
            // the probe's temporary files stay out of the image's /tmp (/run is a tmpfs)
            + "TMPDIR=/run/engine-verify.tmp; export TMPDIR; mkdir -p \"$TMPDIR\"\n"
            + "end=$(( $(date +%s) + "
            + o.retryTimeout().toSeconds()
            + " ))\n"
            + "while :; do\n"
            + "  /bin/sh "
            + DIR
            + "/probe.sh > "
            + DIR
            + "/round 2>/dev/null\n"
            + "  cat "
            + DIR
            + "/round >> "
            + channel
            + "\n"
            + "  [ \"$(date +%s)\" -ge \"$end\" ] && break\n"
            + "  sleep "
            + Math.max(1, o.sleep().toMillis() / 1000.0)
            + "\n"
            + "done\n"
            + "echo DONE >> "
            + channel
            + "\n"
            + "systemctl --no-block poweroff\n";
    w.writeUpper(DIR + "/loop.sh", loop, "rwx------");
    String unit =
        "[Unit]\nDescription=engine verify probe\nAfter=basic.target\n\n"
            + "[Service]\nType=simple\nExecStart=/bin/sh "
            + DIR
            + "/loop.sh\n"
            + "StandardOutput=journal+console\n\n[Install]\nWantedBy=multi-user.target\n";
    w.writeUpper("/etc/systemd/system/engine-verify.service", unit, "rw-r--r--");
    java.nio.file.Path wants =
        w.resolve("upper/etc/systemd/system/multi-user.target.wants/engine-verify.service");
    java.nio.file.Files.createDirectories(wants.getParent());
    java.nio.file.Files.createSymbolicLink(
        wants, java.nio.file.Path.of("/etc/systemd/system/engine-verify.service"));
  }
}
