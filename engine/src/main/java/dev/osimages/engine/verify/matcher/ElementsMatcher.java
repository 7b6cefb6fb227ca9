package dev.osimages.engine.verify.matcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * goss's element matchers over a list: {@code contain-element} (some element matches), {@code
 * contain-elements} (every matcher matches a distinct element: a plain YAML list means this) and
 * {@code consist-of} (a one-to-one pairing of matchers and elements). Pairing uses a maximum
 * bipartite matching, as gomega does, so one element cannot satisfy two matchers.
 */
record ElementsMatcher(String kind, List<Matcher> elements) implements Matcher {
  @Override
  public Match match(Object actual) throws MatchException {
    if (!(actual instanceof List<?> items)) {
      String name = kind.equals("consist-of") ? "ConsistOf" : "ContainElements";
      if (kind.equals("contain-element")) {
        name = "ContainElement";
      }
      throw new MatchException(
          name
              + " matcher expects an array/slice/map.  Got:\n    <"
              + GoValues.typeName(actual)
              + ">: "
              + GoValues.format(actual));
    }
    boolean[][] fits = fits(items);
    int[] pairOf = pairing(fits, items.size());
    List<Object> missing = new ArrayList<>();
    List<Object> found = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      (pairOf[i] < 0 ? missing : found).add(elements.get(i).json());
    }
    Object expected = expected();
    return switch (kind) {
      case "contain-element" -> containElement(actual, fits, expected);
      case "consist-of" -> consistOf(actual, items, pairOf, missing, found, expected);
      default -> {
        MatcherResult fail =
            new MatcherResult(
                actual,
                "to contain elements matching",
                expected,
                missing.isEmpty() ? null : missing,
                found.isEmpty() ? null : found,
                null,
                List.of(),
                null);
        yield new Match(
            missing.isEmpty(),
            fail,
            MatcherResult.of(actual, "not to contain elements matching", expected));
      }
    };
  }

  private Object expected() {
    return kind.equals("contain-element")
        ? elements.get(0).json()
        : elements.stream().map(Matcher::json).toList();
  }

  private Match containElement(Object actual, boolean[][] fits, Object expected) {
    boolean any = false;
    for (boolean f : fits[0]) {
      any |= f;
    }
    return new Match(
        any,
        MatcherResult.of(actual, "to contain element matching", expected),
        MatcherResult.of(actual, "not to contain element matching", expected));
  }

  private Match consistOf(
      Object actual,
      List<?> items,
      int[] pairOf,
      List<Object> missing,
      List<Object> found,
      Object expected) {
    boolean[] used = new boolean[items.size()];
    for (int p : pairOf) {
      if (p >= 0) {
        used[p] = true;
      }
    }
    List<Object> extra = new ArrayList<>();
    for (int j = 0; j < items.size(); j++) {
      if (!used[j]) {
        extra.add(items.get(j));
      }
    }
    boolean ok = missing.isEmpty() && extra.isEmpty();
    MatcherResult fail =
        new MatcherResult(
            actual,
            "to consist of",
            expected,
            missing.isEmpty() ? null : missing,
            found.isEmpty() ? null : found,
            extra.isEmpty() ? null : extra,
            List.of(),
            null);
    return new Match(ok, fail, MatcherResult.of(actual, "not to consist of", expected));
  }

  private boolean[][] fits(List<?> items) {
    boolean[][] fits = new boolean[elements.size()][items.size()];
    for (int i = 0; i < elements.size(); i++) {
      for (int j = 0; j < items.size(); j++) {
        try {
          fits[i][j] = elements.get(i).match(items.get(j)).success();
        } catch (MatchException e) {
          fits[i][j] = false; // an element of the wrong type simply does not match
        }
      }
    }
    return fits;
  }

  /** Kuhn's augmenting paths: for each matcher the element index it is paired with, or -1. */
  private static int[] pairing(boolean[][] fits, int itemCount) {
    int[] itemOwner = new int[itemCount];
    Arrays.fill(itemOwner, -1);
    for (int i = 0; i < fits.length; i++) {
      augment(i, fits, itemOwner, new boolean[itemCount]);
    }
    int[] pairOf = new int[fits.length];
    Arrays.fill(pairOf, -1);
    for (int j = 0; j < itemCount; j++) {
      if (itemOwner[j] >= 0) {
        pairOf[itemOwner[j]] = j;
      }
    }
    return pairOf;
  }

  private static boolean augment(int i, boolean[][] fits, int[] itemOwner, boolean[] seen) {
    for (int j = 0; j < itemOwner.length; j++) {
      if (fits[i][j] && !seen[j]) {
        seen[j] = true;
        if (itemOwner[j] < 0 || augment(itemOwner[j], fits, itemOwner, seen)) {
          itemOwner[j] = i;
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public Object json() {
    return Map.of(kind, expected());
  }
}
