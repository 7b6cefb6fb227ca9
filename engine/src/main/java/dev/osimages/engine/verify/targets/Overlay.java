package dev.osimages.engine.verify.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Shell lines that mount the system under test: the image's layers (top first: a prepared layer
 * over the built root filesystem) read-only, or under an overlayfs whose upper and work dirs live
 * in the workdir; and the API filesystems a chroot needs. They run inside a private mount namespace
 * (unshare), so the mounts vanish with the process, whatever way it ends.
 */
final class Overlay {
  private Overlay() {}

  /** The layers writable through an overlay at {@code workdir/merged}. */
  static String mountLines(List<Path> layers, Workdir w) throws IOException {
    for (String d : new String[] {"upper", "work", "merged"}) {
      Files.createDirectories(w.resolve(d));
    }
    return "mount -t overlay overlay -o 'lowerdir="
        + lowers(layers)
        + ",upperdir="
        + w.resolve("upper")
        + ",workdir="
        + w.resolve("work")
        + "' '"
        + w.resolve("merged")
        + "'\n";
  }

  /** One image root writable through an overlay (the single-layer form). */
  static String mountLines(Path rootfs, Workdir w) throws IOException {
    return mountLines(List.of(rootfs), w);
  }

  /**
   * The layers read-only at {@code at}, as an overlay without an upper dir (which overlayfs mounts
   * read-only). Its bottom layer, made beside {@code at}, holds only the mount points of {@link
   * #API_FILESYSTEMS}, so an image without /proc, /sys, /dev or /run (a minimal or daemon-built
   * one) gets them without anything being written to the image's own layers.
   */
  static String readOnlyLines(List<Path> layers, Path at) throws IOException {
    if (layers.isEmpty()) {
      throw new IOException("no image root to mount");
    }
    Path mountPoints = at.resolveSibling(at.getFileName() + "-mountpoints");
    for (String d : API_MOUNT_POINTS) {
      Files.createDirectories(mountPoints.resolve(d));
    }
    Files.createDirectories(at);
    List<Path> stack = new java.util.ArrayList<>(layers);
    stack.add(mountPoints);
    return "mount -t overlay overlay -o 'ro,lowerdir=" + lowers(stack) + "' '" + at + "'\n";
  }

  /** Where {@link #API_FILESYSTEMS} mounts, below the image root. */
  static final List<String> API_MOUNT_POINTS = List.of("proc", "sys", "dev", "run");

  /**
   * /proc, a read-only /sys (of the namespace's own network), a minimal /dev (null, zero, full,
   * random, urandom, tty, a private devpts, shm) and an empty /run, under root {@code $M}. A mount
   * point that is a symbolic link in the image is refused: mounting would follow it on the host.
   */
  static final String API_FILESYSTEMS =
      "for d in "
          + String.join(" ", API_MOUNT_POINTS)
          + "; do\n"
          + """
        if [ -L "$M/$d" ]; then
          echo "engine: /$d is a symbolic link in the image; refusing to mount over it" >&2
          exit 125
        fi
        [ -d "$M/$d" ] || mkdir -m 0755 "$M/$d"
      done
      mount -t proc -o nosuid,nodev,noexec proc "$M/proc"
      mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$M/sys"
      mount -t tmpfs -o nosuid,mode=0755,size=65536k dev "$M/dev"
      node() { mknod -m "$2" "$M/dev/$1" c "$3" "$4"; }
      node null 666 1 3; node zero 666 1 5; node full 666 1 7
      node random 666 1 8; node urandom 666 1 9; node tty 666 5 0
      mkdir -m 0755 "$M/dev/pts"; mkdir -m 1777 "$M/dev/shm"
      mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5,nosuid,noexec devpts "$M/dev/pts"
      ln -s pts/ptmx "$M/dev/ptmx"; ln -s /proc/self/fd "$M/dev/fd"
      ln -s /proc/self/fd/0 "$M/dev/stdin"; ln -s /proc/self/fd/1 "$M/dev/stdout"
      ln -s /proc/self/fd/2 "$M/dev/stderr"
      mount -t tmpfs -o nosuid,nodev,mode=0755,size=262144k run "$M/run"
      ip link set lo up 2>/dev/null || true
      """;

  /**
   * {@code sh -c script} in new mount (private propagation), pid, uts, ipc and network namespaces;
   * killing the unshare process kills everything in them.
   */
  static List<String> isolated(String script) {
    return List.of(
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "--pid",
        "--fork",
        "--kill-child",
        "--uts",
        "--ipc",
        "--net",
        "sh",
        "-c",
        script);
  }

  private static String lowers(List<Path> layers) throws IOException {
    if (layers.isEmpty()) {
      throw new IOException("no image root to mount");
    }
    for (Path p : layers) {
      String root = p.toAbsolutePath().normalize().toString();
      if (root.matches(".*[,:\\s'\\\\].*")) {
        throw new IOException(
            "image root " + root + " has a character overlayfs options cannot carry");
      }
    }
    return layers.stream()
        .map(p -> p.toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(":"));
  }
}
