package dev.osimages.engine.verify.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Shell lines that mount the image read-only under an overlayfs whose upper and work dirs live in
 * the workdir. They run inside a private mount namespace (unshare), so the mounts vanish with the
 * process, whatever way it ends.
 */
final class Overlay {
  private Overlay() {}

  static String mountLines(Path rootfs, Workdir w) throws IOException {
    for (String d : new String[] {"upper", "work", "merged"}) {
      Files.createDirectories(w.resolve(d));
    }
    String root = rootfs.toAbsolutePath().normalize().toString();
    if (root.matches(".*[,:\\s'\\\\].*")) {
      throw new IOException(
          "image root " + root + " has a character overlayfs options cannot carry");
    }
    return "mount -t overlay overlay -o 'lowerdir="
        + root
        + ",upperdir="
        + w.resolve("upper")
        + ",workdir="
        + w.resolve("work")
        + "' '"
        + w.resolve("merged")
        + "'\n";
  }
}
