package dev.osimages.engine.verify.matcher;

import java.util.Map;

/** goss's {@code not}: inverts a matcher; its failure is the inner matcher's negated failure. */
record NotMatcher(Matcher inner) implements Matcher {
  @Override
  public Match match(Object actual) throws MatchException {
    return inner.match(actual).negate();
  }

  @Override
  public Object json() {
    return Map.of("not", inner.json());
  }
}
