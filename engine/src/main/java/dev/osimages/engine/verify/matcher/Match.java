package dev.osimages.engine.verify.matcher;

/**
 * The outcome of applying a matcher: whether it matched, and the results goss would print if the
 * match (or its negation under {@code not}) is a failure.
 */
public record Match(boolean success, MatcherResult failure, MatcherResult negatedFailure) {
  Match negate() {
    return new Match(!success, negatedFailure, failure);
  }
}
