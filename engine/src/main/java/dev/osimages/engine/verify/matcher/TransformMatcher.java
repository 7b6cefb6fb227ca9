package dev.osimages.engine.verify.matcher;

import java.util.ArrayList;
import java.util.List;

/**
 * goss's WithSafeTransform: transforms the actual value, then applies the inner matcher. A failure
 * reports the transformed value, and the transform in its chain when it changed the value.
 */
record TransformMatcher(Transform transform, Matcher inner) implements Matcher {
  @Override
  public Match match(Object actual) throws MatchException {
    Object transformed;
    try {
      transformed = transform.apply(actual);
    } catch (MatchException e) {
      throw new MatchException(e.getMessage());
    }
    Match m = inner.match(transformed);
    boolean changed = !GoValues.deepEqual(actual, transformed) || sameValueOtherType(actual);
    return new Match(
        m.success(), wrap(m.failure(), changed, actual), wrap(m.negatedFailure(), changed, actual));
  }

  private boolean sameValueOtherType(Object actual) {
    return transform == Transform.TO_STRING && !(actual instanceof String);
  }

  private MatcherResult wrap(MatcherResult r, boolean changed, Object actual) {
    if (r == null) {
      return null;
    }
    List<String> chain = new ArrayList<>();
    if (changed) {
      chain.add(transform.displayName());
    }
    chain.addAll(r.transformChain());
    return r.withTransform(chain, actual);
  }

  @Override
  public Object json() {
    return inner.json();
  }
}
