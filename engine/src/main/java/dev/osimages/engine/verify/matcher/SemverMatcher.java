package dev.osimages.engine.verify.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * goss's {@code semver-constraint}: the constraint is a blang/semver range ({@link SemverRange}),
 * the actual value one version or a list of them ({@link SemverVersion}), and every version must
 * satisfy the range. The constraint is checked first, as goss does.
 */
record SemverMatcher(String constraint) implements Matcher {
  @Override
  public Match match(Object actual) throws MatchException {
    SemverRange range =
        SemverRange.parse(constraint)
            .orElseThrow(
                () ->
                    new MatchException(
                        "Expected a valid semver constraint.  Got:\n    " + constraint));
    List<SemverVersion> versions = versions(actual);
    boolean ok = versions.stream().allMatch(range::contains);
    return new Match(
        ok,
        MatcherResult.of(actual, "to satisfy semver constraint", constraint),
        MatcherResult.of(actual, "not to satisfy semver constraint", constraint));
  }

  private static List<SemverVersion> versions(Object actual) throws MatchException {
    List<Object> raw = new ArrayList<>();
    if (actual instanceof List<?> l) {
      raw.addAll(l);
    } else {
      raw.add(actual);
    }
    List<SemverVersion> out = new ArrayList<>();
    for (Object v : raw) {
      Optional<SemverVersion> parsed =
          v instanceof String s ? SemverVersion.parse(s) : Optional.empty();
      if (parsed.isEmpty()) {
        break;
      }
      out.add(parsed.get());
    }
    if (out.isEmpty() || out.size() != raw.size()) {
      throw new MatchException(
          "Expected a single or list of semver valid version(s).  Got:\n    "
              + GoValues.format(actual));
    }
    return out;
  }

  @Override
  public Object json() {
    return Map.of("semver-constraint", constraint);
  }
}
