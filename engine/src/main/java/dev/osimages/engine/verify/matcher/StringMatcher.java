package dev.osimages.engine.verify.matcher;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** goss's string matchers: have-prefix, have-suffix, contain-substring, match-regexp. */
record StringMatcher(String kind, String expected) implements Matcher {
  @Override
  public Match match(Object actual) throws MatchException {
    if (!(actual instanceof String s)) {
      throw new MatchException(
          kind + " matcher requires a string.  Got:\n    <" + GoValues.typeName(actual) + ">");
    }
    boolean ok =
        switch (kind) {
          case "have-prefix" -> s.startsWith(expected);
          case "have-suffix" -> s.endsWith(expected);
          case "contain-substring" -> s.contains(expected);
          case "match-regexp" -> compile(expected).matcher(s).find();
          default -> throw new MatchException("Syntax Error: Unknown matcher: " + kind);
        };
    String message = message();
    return new Match(
        ok,
        MatcherResult.of(actual, "to " + message, expected),
        MatcherResult.of(actual, "not to " + message, expected));
  }

  private String message() {
    return switch (kind) {
      case "have-prefix" -> "have prefix";
      case "have-suffix" -> "have suffix";
      case "contain-substring" -> "contain substring";
      default -> "match regular expression";
    };
  }

  static Pattern compile(String regex) throws MatchException {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new MatchException("error parsing regexp: " + e.getDescription() + ": `" + regex + "`");
    }
  }

  @Override
  public Object json() {
    return Map.of(kind, expected);
  }
}
