package dev.osimages.engine.model;

import java.util.regex.Pattern;

/**
 * A publication channel of the image store: {@code stable}, a pull request ({@code
 * pull_requests/<n>-<branch>}) or a release ({@code <YYYYMMDD>}).
 */
public record Channel(String path) {
  private static final Pattern PR = Pattern.compile("pr:([0-9]+)-([A-Za-z0-9._-]+)");
  private static final Pattern RELEASE = Pattern.compile("release:([0-9]{8})");

  public static final Channel STABLE = new Channel("stable");

  /**
   * Parses the command-line spelling: {@code stable}, {@code pr:<n>-<branch>} or {@code
   * release:<YYYYMMDD>}. Branch names keep only {@code [A-Za-z0-9._-]} so the path stays one
   * directory level.
   *
   * @throws IllegalArgumentException naming what was expected
   */
  public static Channel parse(String spec) {
    if (spec.equals("stable")) {
      return STABLE;
    }
    var pr = PR.matcher(spec);
    if (pr.matches()) {
      return new Channel("pull_requests/" + pr.group(1) + "-" + pr.group(2));
    }
    var rel = RELEASE.matcher(spec);
    if (rel.matches()) {
      return new Channel(rel.group(1));
    }
    throw new IllegalArgumentException(
        "channel '" + spec + "': expected stable, pr:<number>-<branch> or release:<YYYYMMDD>");
  }
}
