package dev.osimages.engine.verify.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a goss expectation (YAML data) into a {@link Matcher}, with goss's rules: a string compares
 * the actual value's string form, a number compares numerically, a bool compares strictly, a list
 * means contain-elements, and a one-key map names a matcher. Errors carry goss's "Syntax Error"
 * texts.
 */
public final class MatcherParser {
  private MatcherParser() {}

  /** Parses one expectation. */
  public static Matcher parse(Object expected) throws MatchException {
    if (expected instanceof String s) {
      return new TransformMatcher(Transform.TO_STRING, new EqualMatcher(s));
    }
    if (expected instanceof Number) {
      return new TransformMatcher(Transform.TO_NUMERIC, new NumericMatcher("eq", expected));
    }
    if (expected instanceof Boolean) {
      return new EqualMatcher(expected);
    }
    if (expected instanceof List<?> list) {
      return new ElementsMatcher("contain-elements", parseAll(list));
    }
    if (expected == null) {
      throw new MatchException("Syntax Error: Missing required attribute");
    }
    if (!(expected instanceof Map<?, ?> map)) {
      throw invalidArg("matcher", "map", expected);
    }
    if (map.size() != 1) {
      throw new MatchException(
          "Syntax Error: Invalid matcher configuration. At a given nesting level, only one"
              + " matcher is allowed. Found multiple matchers: "
              + map.keySet());
    }
    Map.Entry<?, ?> e = map.entrySet().iterator().next();
    return named(String.valueOf(e.getKey()), e.getValue());
  }

  private static Matcher named(String name, Object value) throws MatchException {
    switch (name) {
      case "equal":
        return new EqualMatcher(value);
      case "have-prefix", "have-suffix", "match-regexp", "contain-substring":
        return new TransformMatcher(
            Transform.TO_STRING, new StringMatcher(name, string(name, value)));
      case "have-len":
        if (!(value instanceof Number n)) {
          throw invalidArg(name, "numeric", value);
        }
        return new HaveLenMatcher(n.longValue());
      case "have-patterns":
        if (!(value instanceof List<?> l)) {
          throw invalidArg(name, "array", value);
        }
        return new TransformMatcher(Transform.TO_STRING, new PatternsMatcher(List.copyOf(l)));
      case "contain-element":
        if (!(value instanceof Map<?, ?> || value instanceof String || value instanceof Number)) {
          throw invalidArg(name, "matcher, string or numeric", value);
        }
        return new TransformMatcher(
            Transform.TO_ARRAY, new ElementsMatcher(name, List.of(parse(value))));
      case "contain-elements":
        return new TransformMatcher(
            Transform.TO_ARRAY, new ElementsMatcher(name, parseAll(list(name, value))));
      case "consist-of":
        return new ElementsMatcher(name, parseAll(list(name, value)));
      case "not":
        return new NotMatcher(parse(value));
      case "and", "or":
        return new LogicMatcher(name.equals("and"), parseAll(list(name, value)));
      case "gt", "ge", "lt", "le":
        return new TransformMatcher(Transform.TO_NUMERIC, new NumericMatcher(name, value));
      case "semver-constraint":
        return new SemverMatcher(string(name, value));
      default:
        throw new MatchException("Syntax Error: Unknown matcher: " + name);
    }
  }

  /** Patterns for a stream property whose expectation is a plain list. */
  public static Matcher patterns(List<?> patterns) {
    return new PatternsMatcher(List.copyOf(patterns));
  }

  private static String string(String name, Object value) throws MatchException {
    if (!(value instanceof String s)) {
      throw invalidArg(name, "string", value);
    }
    return s;
  }

  private static List<?> list(String name, Object value) throws MatchException {
    if (!(value instanceof List<?> l)) {
      throw invalidArg(name, "array", value);
    }
    return l;
  }

  private static List<Matcher> parseAll(List<?> values) throws MatchException {
    List<Matcher> out = new ArrayList<>();
    for (Object v : values) {
      out.add(parse(v));
    }
    return out;
  }

  private static MatchException invalidArg(String name, String expected, Object value) {
    return new MatchException(
        "Syntax Error: Invalid '"
            + name
            + "' argument. Expected "
            + expected
            + " value, but received: "
            + GoValues.typeName(value)
            + ": \""
            + GoValues.format(value)
            + "\"");
  }
}
