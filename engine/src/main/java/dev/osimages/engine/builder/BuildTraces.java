package dev.osimages.engine.builder;

import java.util.List;
import java.util.Optional;

/**
 * The files in which a build records its own time, randomness or host, and what the clean-up does
 * with each so that two builds of the same inputs give the same tree. Both backends apply these
 * rules: the chroot backend to the tree ({@code HygieneStep}), the Docker backend to the exported
 * stream. Every rule, with its reason, is listed in docs/reproducible.md.
 */
public final class BuildTraces {
  /** What to do with a file. */
  public enum Action {
    /** Remove it: a cache or backup its owner rebuilds when missing. */
    DROP,
    /** Keep it, empty, with its owner and mode: a log whose existence a package expects. */
    EMPTY
  }

  /**
   * A directory (image path, no leading slash) holding traces, and whether its subdirectories hold
   * them too. Only these are looked at.
   */
  public record Place(String dir, boolean recursive) {}

  /** Where traces are looked for. */
  public static final List<Place> PLACES =
      List.of(
          new Place("var/log", true),
          new Place("var/cache/ldconfig", false),
          new Place("var/cache/debconf", false),
          new Place("var/cache/apt", false),
          new Place("var/cache/man", true),
          new Place("var/cache/fontconfig", false),
          new Place("var/lib/dpkg", false),
          new Place("var/lib/systemd", false));

  private BuildTraces() {}

  /**
   * What to do with the regular file at {@code path} (image-absolute: "/var/log/dpkg.log") of
   * {@code size} bytes; empty to keep it.
   */
  public static Optional<Action> of(String path, long size) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (path.startsWith("/var/log/")) {
      // dpkg.log, alternatives.log, apt's logs: the dates and order of one build's work
      return size > 0 ? Optional.of(Action.EMPTY) : Optional.empty();
    }
    boolean drop =
        switch (parent(path)) {
          // ldconfig's auxiliary cache records inode numbers and times; ld.so never reads it
          case "/var/cache/ldconfig" -> name.equals("aux-cache");
          // debconf's and dpkg's copies of their databases from before the last change
          case "/var/cache/debconf", "/var/lib/dpkg" -> name.endsWith("-old");
          // apt's binary package caches (mapped memory dumps); apt rebuilds them on its next run
          case "/var/cache/apt" -> name.endsWith(".bin");
          // fontconfig's caches hold directory times; fc-cache rebuilds them
          case "/var/cache/fontconfig" -> true;
          // systemd's random seed and credential secret are per machine, made at first boot
          case "/var/lib/systemd" -> name.equals("random-seed") || name.equals("credential.secret");
          default -> path.startsWith("/var/cache/man/"); // man-db's index, rebuilt daily
        };
    return drop ? Optional.of(Action.DROP) : Optional.empty();
  }

  private static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }
}
