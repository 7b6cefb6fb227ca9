package dev.osimages.engine.declaration;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How image (cell) ids are formed, in one place for the declaration checks and the matrix: a distro
 * version is {@code <distro>/<version>}; a variant over a base is {@code <variant>/<version
 * pattern>} with {@code ${base.os}} and {@code ${base.version}} replaced by the base id's two
 * halves ({@code 3.0-${base.os}} over {@code ubuntu/24.04} is {@code firewall/3.0-ubuntu}). The id
 * is also the image's directory in the store, so a version must be one path segment.
 */
public final class CellIds {
  /** Replaced by the base image's os (the part of its id before the slash). */
  public static final String BASE_OS = "${base.os}";

  /** Replaced by the base image's version (the part of its id after the slash). */
  public static final String BASE_VERSION = "${base.version}";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  private CellIds() {}

  /** The id of a distro version or of any image: {@code os/version}. */
  public static String of(String os, String version) {
    return os + "/" + version;
  }

  /** The os half of an id ({@code debian} of {@code debian/13}). */
  public static String os(String id) {
    int slash = id.indexOf('/');
    return slash < 0 ? id : id.substring(0, slash);
  }

  /** The version half of an id ({@code 13} of {@code debian/13}). */
  public static String version(String id) {
    int slash = id.indexOf('/');
    return slash < 0 ? "" : id.substring(slash + 1);
  }

  /** The version a variant's pattern gives over the base image {@code baseId}. */
  public static String variantVersion(String pattern, String baseId) {
    return pattern.replace(BASE_OS, os(baseId)).replace(BASE_VERSION, version(baseId));
  }

  /** The id of variant {@code name} with version pattern {@code pattern} over {@code baseId}. */
  public static String variantId(String name, String pattern, String baseId) {
    return of(name, variantVersion(pattern, baseId));
  }

  /**
   * What is wrong with a version pattern's placeholders, one message each: unknown names and an
   * unclosed {@code ${}. Empty when the pattern is fine.
   */
  public static List<String> placeholderProblems(String pattern) {
    List<String> problems = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(pattern);
    while (m.find()) {
      if (!m.group().equals(BASE_OS) && !m.group().equals(BASE_VERSION)) {
        problems.add(
            "unknown placeholder "
                + m.group()
                + " (expected "
                + BASE_OS
                + " or "
                + BASE_VERSION
                + ")");
      }
    }
    String rest = m.replaceAll("");
    if (rest.contains("$") || rest.contains("{") || rest.contains("}")) {
      problems.add(
          "unbalanced placeholder in '" + pattern + "' (expected ${base.os} or ${base.version})");
    }
    return problems;
  }

  /**
   * Whether {@code version} can be an image version: one path segment of letters, digits, '.', '_',
   * '+' and '-', starting with a letter or digit (so never '.' or '..').
   */
  public static boolean isValidVersion(String version) {
    return VERSION.matcher(version).matches();
  }
}
