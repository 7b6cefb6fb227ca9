package dev.osimages.engine.verify.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * goss's {@code semver-constraint} (blang/semver ranges): {@code ">=1.2.3 <2.0.0 || 3.0.0"}, with
 * operators {@code = == != > >= < <=}, wildcards {@code 1.2.x}, and strict versions. The actual
 * value is one version or a list, and every version must satisfy the range.
 */
record SemverMatcher(String constraint) implements Matcher {
  private static final Pattern VERSION =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");
  private static final Pattern TERM = Pattern.compile("(!=|==|=|>=|<=|>|<)?\\s*(\\S+)");

  @Override
  public Match match(Object actual) throws MatchException {
    List<List<String[]>> range = parseRange();
    List<String> versions = new ArrayList<>();
    if (actual instanceof String s) {
      versions.add(s);
    } else if (actual instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
      l.forEach(v -> versions.add((String) v));
    }
    if (versions.isEmpty() || !versions.stream().allMatch(v -> VERSION.matcher(v).matches())) {
      throw new MatchException(
          "Expected a single or list of semver valid version(s).  Got:\n    "
              + GoValues.format(actual));
    }
    boolean ok = true;
    for (String v : versions) {
      ok &= satisfies(range, v);
    }
    return new Match(
        ok,
        MatcherResult.of(actual, "to satisfy semver constraint", constraint),
        MatcherResult.of(actual, "not to satisfy semver constraint", constraint));
  }

  private List<List<String[]>> parseRange() throws MatchException {
    List<List<String[]>> alternatives = new ArrayList<>();
    for (String alt : constraint.split("\\|\\|")) {
      List<String[]> terms = new ArrayList<>();
      String normalized = alt.strip().replaceAll("(!=|==|=|>=|<=|>|<)\\s+", "$1");
      for (String part : normalized.split("\\s+")) {
        java.util.regex.Matcher m = TERM.matcher(part);
        if (part.isEmpty() || !m.matches()) {
          throw invalid();
        }
        String op = m.group(1) == null ? "=" : m.group(1);
        terms.addAll(expandWildcard(op, m.group(2)));
      }
      alternatives.add(terms);
    }
    return alternatives;
  }

  /** 1.2.x with = means >=1.2.0 <1.3.0; with > or <= it moves to the next boundary. */
  private List<String[]> expandWildcard(String op, String v) throws MatchException {
    String[] parts = v.split("\\.", -1);
    int wild = -1;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].equals("x") || parts[i].equals("X") || parts[i].equals("*")) {
        wild = i;
        break;
      }
    }
    if (wild < 0) {
      if (!VERSION.matcher(v).matches()) {
        throw invalid();
      }
      return List.<String[]>of(new String[] {op, v});
    }
    long[] low = new long[3];
    for (int i = 0; i < wild; i++) {
      low[i] = Long.parseLong(parts[i]);
    }
    long[] high = low.clone();
    if (wild > 0) {
      high[wild - 1]++;
    } else {
      high[0] = Long.MAX_VALUE / 2;
    }
    String lo = low[0] + "." + low[1] + "." + low[2];
    String hi = high[0] + "." + high[1] + "." + high[2];
    return switch (op) {
      case "=", "==" -> List.<String[]>of(new String[] {">=", lo}, new String[] {"<", hi});
      case "!=" -> throw invalid();
      case ">", "<=" -> List.<String[]>of(new String[] {op.equals(">") ? ">=" : "<", hi});
      default -> List.<String[]>of(new String[] {op, lo});
    };
  }

  private MatchException invalid() {
    return new MatchException("Expected a valid semver constraint.  Got:\n    " + constraint);
  }

  private static boolean satisfies(List<List<String[]>> range, String v) {
    for (List<String[]> alt : range) {
      boolean all = true;
      for (String[] t : alt) {
        int c = compare(v, t[1]);
        all &=
            switch (t[0]) {
              case "!=" -> c != 0;
              case ">" -> c > 0;
              case ">=" -> c >= 0;
              case "<" -> c < 0;
              case "<=" -> c <= 0;
              default -> c == 0;
            };
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** Semantic version precedence: numbers, then a release beats a pre-release. */
  static int compare(String a, String b) {
    java.util.regex.Matcher x = VERSION.matcher(a);
    java.util.regex.Matcher y = VERSION.matcher(b);
    x.matches();
    y.matches();
    for (int i = 1; i <= 3; i++) {
      int c = Long.compare(Long.parseLong(x.group(i)), Long.parseLong(y.group(i)));
      if (c != 0) {
        return c;
      }
    }
    String pa = x.group(4);
    String pb = y.group(4);
    if (pa == null || pb == null) {
      return pa == null ? (pb == null ? 0 : 1) : -1;
    }
    return comparePre(pa.split("\\."), pb.split("\\."));
  }

  private static int comparePre(String[] a, String[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      boolean na = a[i].matches("\\d+");
      boolean nb = b[i].matches("\\d+");
      int c =
          na && nb
              ? Long.compare(Long.parseLong(a[i]), Long.parseLong(b[i]))
              : na ? -1 : nb ? 1 : a[i].compareTo(b[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  @Override
  public Object json() {
    return Map.of("semver-constraint", constraint);
  }
}
