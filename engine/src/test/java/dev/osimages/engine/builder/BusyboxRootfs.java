package dev.osimages.engine.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** A tiny root filesystem for build tests: the host's static busybox and a link per applet. */
public final class BusyboxRootfs {
  private BusyboxRootfs() {}

  /** Makes the root filesystem in {@code dir} (created) and returns it. */
  public static Path create(Path dir) throws IOException, InterruptedException {
    Path busybox = Path.of("/bin/busybox");
    if (!Files.isRegularFile(busybox)) {
      throw new IllegalStateException("busybox-static is not installed (.ci/apt.d/docker)");
    }
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(busybox, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    Process p = new ProcessBuilder("/bin/busybox", "--list").redirectErrorStream(true).start();
    List<String> applets = new String(p.getInputStream().readAllBytes()).lines().toList();
    p.waitFor();
    for (String a : applets) {
      if (!a.equals("busybox") && !Files.exists(bin.resolve(a))) {
        Files.createSymbolicLink(bin.resolve(a), Path.of("busybox"));
      }
    }
    for (String d : List.of("etc", "tmp", "root", "var")) {
      Files.createDirectories(dir.resolve(d));
    }
    Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(dir.resolve("etc/group"), "root:x:0:\n");
    return dir;
  }
}
