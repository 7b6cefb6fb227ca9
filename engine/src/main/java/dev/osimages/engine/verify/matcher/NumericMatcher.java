package dev.osimages.engine.verify.matcher;

import java.util.Map;

/**
 * goss's numeric comparisons: a plain number (eq) and {@code gt}, {@code ge}, {@code lt}, {@code
 * le}.
 */
record NumericMatcher(String comparator, Object expected) implements Matcher {
  @Override
  public Match match(Object actual) throws MatchException {
    if (!GoValues.isNumber(expected)) {
      throw new MatchException(
          "Expected a number.  Got:\n    <" + GoValues.typeName(expected) + ">: " + expected);
    }
    if (!GoValues.isNumber(actual)) {
      throw new MatchException(
          "Expected a number.  Got:\n    <" + GoValues.typeName(actual) + ">: " + actual);
    }
    double a = GoValues.toDouble(actual);
    double e = GoValues.toDouble(expected);
    boolean ok =
        switch (comparator) {
          case "eq" -> a == e;
          case "gt" -> a > e;
          case "ge" -> a >= e;
          case "lt" -> a < e;
          case "le" -> a <= e;
          default -> throw new MatchException("Unknown comparator: " + comparator);
        };
    return new Match(
        ok,
        MatcherResult.of(actual, "to be numerically " + comparator, expected),
        MatcherResult.of(actual, "not to be numerically " + comparator, expected));
  }

  @Override
  public Object json() {
    return Map.of(comparator, expected);
  }
}
