package dev.osimages.engine.verify.matcher;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** goss's {@code have-len}: length of a string (in bytes, as Go), list or map. */
record HaveLenMatcher(long expected) implements Matcher {
  @Override
  public Match match(Object actual) throws MatchException {
    long len;
    if (actual instanceof String s) {
      len = s.getBytes(StandardCharsets.UTF_8).length;
    } else if (actual instanceof List<?> l) {
      len = l.size();
    } else if (actual instanceof Map<?, ?> m) {
      len = m.size();
    } else {
      throw new MatchException(
          "HaveLen matcher expects a string/array/map/channel/slice.  Got:\n    <"
              + GoValues.typeName(actual)
              + ">: "
              + GoValues.format(actual));
    }
    return new Match(
        len == expected,
        MatcherResult.of(actual, "to have length", expected),
        MatcherResult.of(actual, "not to have length", expected));
  }

  @Override
  public Object json() {
    return Map.of("have-len", expected);
  }
}
