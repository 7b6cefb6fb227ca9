package dev.osimages.engine.verify.matcher;

import java.util.List;
import java.util.Optional;

/**
 * A semantic version as blang/semver's strict {@code Parse} reads it: MAJOR.MINOR.PATCH without
 * leading zeros, an optional pre-release (dot-separated identifiers, numeric ones without leading
 * zeros) and optional build metadata, which precedence ignores.
 */
record SemverVersion(long major, long minor, long patch, List<String> pre) {
  private static final String IDENTIFIER = "[0-9A-Za-z-]+";

  /** The version, or empty when blang/semver would refuse it. */
  static Optional<SemverVersion> parse(String s) {
    String[] parts = s.split("\\.", 3);
    if (parts.length != 3) {
      return Optional.empty();
    }
    String patch = parts[2];
    int plus = patch.indexOf('+');
    if (plus >= 0) {
      if (!identifiers(patch.substring(plus + 1))) {
        return Optional.empty();
      }
      patch = patch.substring(0, plus);
    }
    List<String> pre = List.of();
    int dash = patch.indexOf('-');
    if (dash >= 0) {
      pre = List.of(patch.substring(dash + 1).split("\\.", -1));
      patch = patch.substring(0, dash);
      if (!pre.stream().allMatch(p -> p.matches(IDENTIFIER) && !leadingZero(p))) {
        return Optional.empty();
      }
    }
    if (!number(parts[0]) || !number(parts[1]) || !number(patch)) {
      return Optional.empty();
    }
    return Optional.of(
        new SemverVersion(
            Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(patch), pre));
  }

  private static boolean identifiers(String s) {
    for (String id : s.split("\\.", -1)) {
      if (!id.matches(IDENTIFIER)) {
        return false;
      }
    }
    return true;
  }

  private static boolean number(String s) {
    return s.matches("\\d{1,18}") && !leadingZero(s);
  }

  /** A numeric identifier with a leading zero ("01"); alphanumeric ones may start with 0. */
  private static boolean leadingZero(String s) {
    return s.length() > 1 && s.charAt(0) == '0' && s.matches("\\d+");
  }

  /** Precedence: numbers, then a release above its pre-releases, then the identifiers. */
  int compareTo(SemverVersion o) {
    int c = Long.compare(major, o.major);
    c = c != 0 ? c : Long.compare(minor, o.minor);
    c = c != 0 ? c : Long.compare(patch, o.patch);
    if (c != 0 || (pre.isEmpty() && o.pre.isEmpty())) {
      return c;
    }
    if (pre.isEmpty() || o.pre.isEmpty()) {
      return pre.isEmpty() ? 1 : -1;
    }
    for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
      String a = pre.get(i);
      String b = o.pre.get(i);
      boolean na = a.matches("\\d+");
      boolean nb = b.matches("\\d+");
      int d =
          na && nb
              ? Long.compare(Long.parseLong(a), Long.parseLong(b))
              : na ? -1 : nb ? 1 : a.compareTo(b);
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(pre.size(), o.pre.size());
  }
}
