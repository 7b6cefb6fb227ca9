package dev.osimages.engine.verify.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Boots the image as a systemd container ({@code systemd-nspawn -b}) on an overlay of the image,
 * inside a private mount namespace. The probe's rounds come back through a bound directory.
 */
public final class BootTarget implements Target {
  @Override
  public String name() {
    return "boot";
  }

  @Override
  public boolean booted() {
    return true;
  }

  @Override
  public TargetSession start(SystemImage image, String probeScript, TargetOptions options)
      throws IOException {
    if (!image.nics().isEmpty()) {
      throw new IOException(
          "the boot target has no NICs (systemd-nspawn runs with a private network); use vm");
    }
    Workdir w = new Workdir("engine-verify-boot-");
    try {
      Path results = Files.createDirectories(w.resolve("results"));
      Files.createFile(results.resolve("out"));
      GuestProbe.install(w, probeScript, "/run/engine-verify/out", options);
      String script =
          "set -e\n"
              + Overlay.mountLines(image.layers(), w)
              + "exec systemd-nspawn -q --register=no --keep-unit --console=passive"
              + " --private-network -M engine-verify-$$ --bind='"
              + results
              + "':/run/engine-verify -D '"
              + w.resolve("merged")
              + "' -b\n";
      Path log = w.resolve("console.log");
      ManagedProcess p =
          ManagedProcess.start(
              List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script), log);
      return new FileSession(w, p, results.resolve("out"), log);
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
  }
}
