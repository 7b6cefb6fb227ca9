package dev.osimages.engine.archive;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.util.regex.Pattern;

/**
 * A snapshot service's URL for one archive at one moment, after the convention of Debian's snapshot
 * service: the declaration (or the command line) gives a template with {@code {timestamp}} and
 * optionally {@code {archive}}, the build a timestamp {@code YYYYMMDDTHHMMSSZ} (UTC), e.g. {@code
 * 20261130T000000Z}. {@code {archive}} stands for the last path segment of the archive URL the
 * image's sources name ({@code debian}, {@code debian-security}, {@code ubuntu}), since such a
 * service keeps each archive under its own name.
 */
public final class SnapshotUrl {
  /** The placeholder a template must contain. */
  public static final String PLACEHOLDER = "{timestamp}";

  /** The placeholder for the archive's name. */
  public static final String ARCHIVE = "{archive}";

  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{8}T[0-9]{6}Z");

  private SnapshotUrl() {}

  /** Checks a timestamp given on the command line; {@code what} names the option. */
  public static String timestamp(String value, String what) {
    if (!TIMESTAMP.matcher(value).matches()) {
      throw new EngineException(
          what
              + ": expected a snapshot timestamp YYYYMMDDTHHMMSSZ (UTC), e.g. 20261130T000000Z,"
              + " found '"
              + value
              + "'",
          ExitCode.INVALID);
    }
    return value;
  }

  /**
   * {@code template} with the timestamp and the name of the archive at {@code mirror} filled in;
   * {@code what} names where the template came from.
   */
  public static String expand(String template, String timestamp, String mirror, String what) {
    if (!template.contains(PLACEHOLDER) || !template.matches("[a-z][a-z0-9+.-]*://\\S+")) {
      throw new EngineException(
          what + ": expected a URL containing " + PLACEHOLDER + ", found '" + template + "'",
          ExitCode.INVALID);
    }
    String path = mirror.replaceAll("/+$", "");
    String name = path.substring(path.lastIndexOf('/') + 1);
    return template
        .replace(PLACEHOLDER, timestamp(timestamp, "--archive-snapshot"))
        .replace(ARCHIVE, name);
  }
}
