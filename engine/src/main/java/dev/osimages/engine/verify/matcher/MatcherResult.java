package dev.osimages.engine.verify.matcher;

import java.util.List;

/**
 * What a matcher reports about one comparison, field for field goss's {@code MatcherResult}: the
 * (transformed) actual value, the message ("to equal"), the expectation, and for element matchers
 * the missing, found and extra elements. Values are plain Java data (String, Long, Double, Boolean,
 * List, Map, null) so reporters can print them as goss prints JSON.
 */
public record MatcherResult(
    Object actual,
    String message,
    Object expected,
    Object missingElements,
    Object foundElements,
    Object extraElements,
    List<String> transformChain,
    Object untransformedValue) {

  /** A result with only actual, message and expected set. */
  public static MatcherResult of(Object actual, String message, Object expected) {
    return new MatcherResult(actual, message, expected, null, null, null, List.of(), null);
  }

  /** The result of a passing test: goss's "matches expectation". */
  public static MatcherResult pass(Object actual, Object expected) {
    return of(actual, "matches expectation", expected);
  }

  MatcherResult withTransform(List<String> chain, Object untransformed) {
    return new MatcherResult(
        actual,
        message,
        expected,
        missingElements,
        foundElements,
        extraElements,
        List.copyOf(chain),
        untransformed);
  }
}
