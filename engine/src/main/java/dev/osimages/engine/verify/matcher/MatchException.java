package dev.osimages.engine.verify.matcher;

/**
 * A matcher could not be applied: a syntax error in the expectation or an actual value of the wrong
 * type. As in goss, this fails the one test (its message becomes the result's error); it does not
 * abort the run.
 */
public final class MatchException extends Exception {
  public MatchException(String message) {
    super(message);
  }
}
