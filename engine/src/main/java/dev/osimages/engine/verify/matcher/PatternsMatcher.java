package dev.osimages.engine.verify.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * goss's {@code have-patterns}, used for a list under contents, stdout, stderr or body. A pattern
 * is a regex only when it is {@code /re/} or {@code !/re/}; otherwise it is a substring after
 * trimming leading backslashes, slashes and bangs. A leading {@code !} inverts it. Lines are
 * scanned in order; an inverted pattern seen on a line fails, one never seen passes; an empty
 * pattern always passes, even on empty input. Follows goss v0.4.7, which suites pin.
 */
record PatternsMatcher(List<Object> patterns) implements Matcher {
  private record Pat(String raw, boolean inverse, Pattern regex, String plain) {
    boolean matches(String line) {
      return regex != null ? regex.matcher(line).find() : line.contains(plain);
    }
  }

  @Override
  public Match match(Object actual) throws MatchException {
    List<Pat> pending = compile();
    String text = text(actual);
    List<String> found = new ArrayList<>();
    if (!pending.isEmpty()) {
      for (String line : lines(text)) {
        List<Pat> still = new ArrayList<>();
        for (Pat p : pending) {
          if (p.matches(line)) {
            if (!p.inverse()) {
              found.add(p.raw());
            }
          } else {
            still.add(p);
          }
        }
        pending = still;
        if (pending.isEmpty()) {
          break;
        }
      }
      for (Pat p : pending) {
        if (p.inverse() || p.raw().isEmpty()) {
          found.add(p.raw());
        }
      }
    }
    List<Object> missing = new ArrayList<>();
    for (Object raw : patterns) {
      if (!found.contains(raw)) {
        missing.add(raw);
      }
    }
    boolean ok = found.size() == patterns.size();
    MatcherResult fail =
        new MatcherResult(
            text,
            "to have patterns",
            patterns,
            missing.isEmpty() ? null : missing,
            found.isEmpty() ? null : List.copyOf(found),
            null,
            List.of(),
            null);
    return new Match(ok, fail, MatcherResult.of(text, "not to have patterns", patterns));
  }

  private static String text(Object actual) throws MatchException {
    if (actual instanceof String s) {
      return s;
    }
    if (actual instanceof List<?> l) {
      return String.join("\n", l.stream().map(GoValues::format).toList());
    }
    throw new MatchException("Incorrect type " + GoValues.typeName(actual));
  }

  private List<Pat> compile() throws MatchException {
    List<Pat> out = new ArrayList<>();
    for (Object o : patterns) {
      if (!(o instanceof String s)) {
        throw new MatchException(
            "HavePatterns matcher expects patterns to be a string. got: \n    <"
                + GoValues.typeName(o)
                + ">: "
                + GoValues.format(o));
      }
      out.add(pattern(s));
    }
    return out;
  }

  static boolean isRegex(String s) {
    return (s.startsWith("/") || s.startsWith("!/")) && s.endsWith("/");
  }

  private static Pat pattern(String s) throws MatchException {
    boolean inverse = s.startsWith("!");
    if (isRegex(s)) {
      String core = inverse ? s.substring(1) : s;
      core = core.substring(1); // the opening slash
      if (core.endsWith("/")) {
        core = core.substring(0, core.length() - 1);
      }
      return new Pat(s, inverse, StringMatcher.compile(core), null);
    }
    return new Pat(s, inverse, null, s.replaceFirst("^[\\\\/!]+", ""));
  }

  /** Go's bufio.ScanLines: split at \n, drop one trailing \r, no empty last line. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(start, end);
      out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      start = end + 1;
    }
    return out;
  }

  @Override
  public Object json() {
    return Map.of("have-patterns", patterns);
  }
}
