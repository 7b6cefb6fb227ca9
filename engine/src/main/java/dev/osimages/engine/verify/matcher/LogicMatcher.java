package dev.osimages.engine.verify.matcher;

import java.util.List;
import java.util.Map;

/**
 * goss's {@code and} / {@code or}. {@code and} stops at the first failing matcher and reports its
 * failure; {@code or} stops at the first success, and an error stops it as in gomega.
 */
record LogicMatcher(boolean all, List<Matcher> matchers) implements Matcher {
  @Override
  public Match match(Object actual) throws MatchException {
    Object expected = matchers.stream().map(Matcher::json).toList();
    String what = all ? "all of these matchers" : "at least one of these matchers";
    MatcherResult self = MatcherResult.of(actual, "to satisfy " + what, expected);
    MatcherResult negSelf = MatcherResult.of(actual, "not to satisfy " + what, expected);
    for (Matcher m : matchers) {
      Match r = m.match(actual);
      if (all && !r.success()) {
        return new Match(false, r.failure(), negSelf);
      }
      if (!all && r.success()) {
        return new Match(true, self, r.negatedFailure());
      }
    }
    return new Match(all, self, negSelf);
  }

  /** As goss marshals it: an {@code and} of one matcher is that matcher. */
  @Override
  public Object json() {
    if (all && matchers.size() == 1) {
      return matchers.get(0).json();
    }
    return Map.of(all ? "and" : "or", matchers.stream().map(Matcher::json).toList());
  }
}
