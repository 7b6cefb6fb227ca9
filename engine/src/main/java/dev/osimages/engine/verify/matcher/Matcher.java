package dev.osimages.engine.verify.matcher;

/**
 * One goss matcher (equal, have-prefix, contain-elements, not, ...). Matchers are immutable; {@link
 * #match} returns everything a report needs. Build them with {@link MatcherParser}.
 */
public interface Matcher {
  /**
   * Applies the matcher to an actual value.
   *
   * @throws MatchException when the value has a type the matcher cannot handle (goss: an error)
   */
  Match match(Object actual) throws MatchException;

  /** The matcher as goss marshals it to JSON (shown as "expected" inside element lists). */
  Object json();
}
