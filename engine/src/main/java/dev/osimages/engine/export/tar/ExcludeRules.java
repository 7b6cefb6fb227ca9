package dev.osimages.engine.export.tar;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which image paths stay out of the tarball: glob patterns on image-absolute paths ("/proc/**"),
 * with "keep" patterns that win over them (the device nodes an image needs under /dev). An excluded
 * directory is not descended into, so a mounted /proc is never read.
 *
 * @param excludes globs of paths to leave out
 * @param keeps globs of paths to keep even when an exclude matches
 */
public record ExcludeRules(List<String> excludes, List<String> keeps) {
  /** What the exporter leaves out unless told otherwise: the contents of pseudo filesystems. */
  public static final List<String> DEFAULT_EXCLUDES =
      List.of("/proc/**", "/sys/**", "/dev/**", "/tmp/**", "/run/**");

  /** Device nodes and mount points every image keeps under /dev. */
  public static final List<String> DEFAULT_KEEPS =
      List.of(
          "/dev/null",
          "/dev/zero",
          "/dev/full",
          "/dev/random",
          "/dev/urandom",
          "/dev/tty",
          "/dev/console",
          "/dev/ptmx",
          "/dev/pts",
          "/dev/shm",
          "/dev/fd",
          "/dev/stdin",
          "/dev/stdout",
          "/dev/stderr");

  public ExcludeRules {
    excludes = List.copyOf(excludes);
    keeps = List.copyOf(keeps);
  }

  /** The default rules plus {@code extra} exclude globs. */
  public static ExcludeRules defaults(List<String> extra) {
    List<String> all = new ArrayList<>(DEFAULT_EXCLUDES);
    all.addAll(extra);
    return new ExcludeRules(all, DEFAULT_KEEPS);
  }

  /** No excludes at all. */
  public static ExcludeRules none() {
    return new ExcludeRules(List.of(), List.of());
  }

  /** A matcher for image-absolute paths; compiled once per export. */
  public Matcher matcher() {
    return new Matcher(compile(excludes), compile(keeps));
  }

  private static List<PathMatcher> compile(List<String> globs) {
    List<PathMatcher> out = new ArrayList<>();
    for (String g : globs) {
      if (!g.startsWith("/")) {
        throw new IllegalArgumentException(
            "exclude pattern '" + g + "' must be an absolute image path such as /var/cache/**");
      }
      out.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
    }
    return out;
  }

  /** Compiled rules. */
  public static final class Matcher {
    private final List<PathMatcher> excludes;
    private final List<PathMatcher> keeps;

    private Matcher(List<PathMatcher> excludes, List<PathMatcher> keeps) {
      this.excludes = excludes;
      this.keeps = keeps;
    }

    /** Whether the image-absolute path is left out. */
    public boolean excluded(String imagePath) {
      Path p = Path.of(imagePath);
      return excludes.stream().anyMatch(m -> m.matches(p))
          && keeps.stream().noneMatch(m -> m.matches(p));
    }
  }
}
