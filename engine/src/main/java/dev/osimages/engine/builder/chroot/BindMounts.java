package dev.osimages.engine.builder.chroot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The mount command of one {@code RUN --mount=type=bind}: a read-only bind of one source; a
 * read-only overlay of several (a directory merged from several context roots, later ones on top);
 * for {@code rw}, an overlay with a throw-away upper directory, or a copy of a file, because
 * BuildKit discards what a step writes to a bind mount and the sources are never written.
 */
final class BindMounts {
  private BindMounts() {}

  /**
   * The command mounting {@code b} at {@code at} (shell text); scratch space goes in {@code dir}.
   */
  static String command(RunMounts.Bind b, String at, Path dir) throws IOException {
    if (b.readOnly() && b.sources().size() == 1) {
      return "mount --bind -o ro " + MountSetup.quote(b.sources().get(0)) + " " + at;
    }
    Files.createDirectories(dir);
    if (b.file()) {
      Path copy = dir.resolve("file");
      Files.copy(b.sources().get(0), copy, StandardCopyOption.COPY_ATTRIBUTES);
      return "mount --bind " + MountSetup.quote(copy) + " " + at;
    }
    List<String> lowers = new ArrayList<>();
    for (int k = b.sources().size() - 1; k >= 0; k--) {
      lowers.add(option(b.sources().get(k)));
    }
    String opts = "lowerdir=" + String.join(":", lowers);
    if (b.readOnly()) {
      opts = "ro," + opts;
    } else {
      Path upper = Files.createDirectories(dir.resolve("upper"));
      Path work = Files.createDirectories(dir.resolve("work"));
      opts += ",upperdir=" + option(upper) + ",workdir=" + option(work);
    }
    return "mount -t overlay -o " + MountSetup.quote(opts) + " overlay " + at;
  }

  /** A path as an overlay option: no ':' or ',' (they separate options). */
  private static String option(Path p) {
    String s = p.toAbsolutePath().toString();
    if (s.contains(":") || s.contains(",")) {
      throw new IllegalArgumentException("a mounted path may not contain ':' or ',': " + s);
    }
    return s;
  }
}
