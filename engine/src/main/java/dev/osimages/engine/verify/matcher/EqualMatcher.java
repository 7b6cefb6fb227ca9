package dev.osimages.engine.verify.matcher;

/** goss's {@code equal} (and the plain string and bool expectations): deep equality. */
record EqualMatcher(Object expected) implements Matcher {
  @Override
  public Match match(Object actual) throws MatchException {
    if (actual == null && expected == null) {
      throw new MatchException(
          "Refusing to compare <nil> to <nil>.\n"
              + "Be explicit and use BeNil() instead.  This is to avoid mistakes where both sides"
              + " of an assertion are erroneously uninitialized.");
    }
    return new Match(
        GoValues.deepEqual(actual, expected),
        MatcherResult.of(actual, "to equal", expected),
        MatcherResult.of(actual, "not to equal", expected));
  }

  @Override
  public Object json() {
    return expected;
  }
}
