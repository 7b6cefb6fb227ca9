package dev.osimages.engine.host;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A stack of overlay layers (bottom first, {@code userxattr} format) read as one directory, without
 * copying it: the kernel merges them in a read-only overlay mounted on a fresh directory under the
 * given temp directory, exactly as a build saw them (whiteouts, opaque directories, hard links,
 * owners, xattrs). A single layer is its own view and needs no mount. The mount lives in the
 * engine's mount namespace, so every reader sees it (the exporter's walk, {@code getfattr}, the
 * verification's own overlays, {@code RUN --mount=from}); {@link #close} unmounts it, so does a
 * shutdown (Ctrl-C, SIGTERM), and one left by a killed engine is removed by {@link #sweep} at the
 * next start.
 */
public final class LayerView implements AutoCloseable {
  /** The kernel takes mount options in one page; lower paths are made relative to fit more. */
  private static final int MAX_OPTIONS = 4000;

  private final Path root;
  private final HostCommand.Cleanup cleanup;

  private LayerView(Path root, HostCommand.Cleanup cleanup) {
    this.root = root;
    this.cleanup = cleanup;
  }

  /**
   * A view of {@code bottomFirst}; a mount point (when one is needed) is made under {@code tmp}.
   *
   * @throws EngineException when the kernel refuses the mount (with its message)
   */
  public static LayerView open(List<Path> bottomFirst, Path tmp) {
    if (bottomFirst.size() == 1) {
      return new LayerView(bottomFirst.get(0), null);
    }
    Path dir;
    try {
      Files.createDirectories(tmp);
      dir = Files.createTempDirectory(tmp, "view-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a mount point in " + tmp, e);
    }
    if (bottomFirst.isEmpty()) {
      // FROM scratch with nothing added: an empty root.
      return new LayerView(dir, HostCommand.atShutdown(() -> Trees.delete(dir)));
    }
    HostCommand.Cleanup cleanup = HostCommand.atShutdown(() -> unmount(dir));
    try {
      mount(bottomFirst, dir);
    } catch (RuntimeException e) {
      cleanup.run();
      throw e;
    }
    return new LayerView(dir, cleanup);
  }

  /** The merged root filesystem: read it, never write it (the mount is read-only). */
  public Path root() {
    return root;
  }

  /** Unmounts the view and removes its mount point. */
  @Override
  public void close() {
    if (cleanup != null) {
      cleanup.run();
    }
  }

  /**
   * Unmounts every mount below {@code dir} (not {@code dir} itself, which may be a volume): views
   * (and anything else) a killed engine left mounted there. Returns the mount points it detached,
   * deepest first.
   */
  public static List<Path> sweep(Path dir) {
    Path under = dir.toAbsolutePath().normalize();
    List<Path> found = new ArrayList<>();
    for (Path p : mountPoints()) {
      if (p.startsWith(under) && !p.equals(under) && !found.contains(p)) {
        found.add(p);
      }
    }
    found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path p : found) {
      HostCommand.Result r =
          HostCommand.run(List.of("umount", "-l", p.toString()), null, Map.of(), l -> {});
      if (!r.ok()) {
        throw new IllegalStateException(
            "cannot unmount " + p + " (left by an interrupted run): " + String.join(" ", r.tail()));
      }
    }
    return found;
  }

  private static void mount(List<Path> bottomFirst, Path at) {
    List<Path> all = new ArrayList<>(bottomFirst);
    all.add(at);
    Path base = commonParent(all);
    List<String> lowers = new ArrayList<>();
    for (int i = bottomFirst.size() - 1; i >= 0; i--) {
      lowers.add(option(base, bottomFirst.get(i)));
    }
    String options = "ro,userxattr,lowerdir=" + String.join(":", lowers);
    if (options.length() > MAX_OPTIONS) {
      throw new EngineException(
          "too many layers for one overlay mount (" + bottomFirst.size() + ")",
          ExitCode.ENVIRONMENT);
    }
    List<String> argv =
        List.of("mount", "-t", "overlay", "overlay", "-o", options, option(base, at));
    HostCommand.Result r = HostCommand.run(argv, base, Map.of(), l -> {});
    if (!r.ok()) {
      throw new EngineException(
          "cannot mount a view of "
              + bottomFirst.size()
              + " layers at "
              + at
              + ": "
              + String.join(" ", r.tail()),
          ExitCode.ENVIRONMENT);
    }
  }

  private static void unmount(Path dir) {
    if (mountPoints().contains(dir.toAbsolutePath().normalize())) {
      // Busy (a reader still inside, e.g. a verification's leftover process): detach it lazily.
      HostCommand.Result r =
          HostCommand.run(List.of("umount", dir.toString()), null, Map.of(), l -> {});
      if (!r.ok()) {
        HostCommand.run(List.of("umount", "-l", dir.toString()), null, Map.of(), l -> {});
      }
    }
    if (!mountPoints().contains(dir.toAbsolutePath().normalize())) {
      Trees.delete(dir);
    }
  }

  /** The mount points of this process's mount namespace ({@code /proc/self/mountinfo}). */
  static List<Path> mountPoints() {
    List<Path> out = new ArrayList<>();
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        if (f.length > 4) {
          out.add(Path.of(unescape(f[4])));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/self/mountinfo", e);
    }
    return out;
  }

  /** mountinfo writes space, tab, newline and backslash as a backslash and three octal digits. */
  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static Path commonParent(List<Path> paths) {
    Path base = paths.get(0).toAbsolutePath().normalize().getParent();
    for (Path p : paths) {
      Path a = p.toAbsolutePath().normalize();
      while (base != null && !a.startsWith(base)) {
        base = base.getParent();
      }
    }
    return base == null ? Path.of("/") : base;
  }

  /** {@code p} relative to {@code base}, as overlayfs options can carry it. */
  private static String option(Path base, Path p) {
    String s = base.relativize(p.toAbsolutePath().normalize()).toString();
    if (s.isEmpty()) {
      s = ".";
    }
    if (s.contains(":") || s.contains(",")) {
      throw new IllegalArgumentException("a layer path may not contain ':' or ',': " + p);
    }
    return s;
  }
}
