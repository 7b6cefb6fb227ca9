package dev.osimages.engine.declaration;

import java.util.Collection;
import java.util.Locale;

/** Finds the known name a misspelt key most likely meant, for "did you mean" hints. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate equal to {@code word} ignoring case, else the one within two edits of it (the
   * first such in iteration order), else null. Short words only match case-insensitively, since two
   * edits turn any three-letter word into another.
   */
  static String closest(String word, Collection<String> candidates) {
    String lower = word.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      if (c.toLowerCase(Locale.ROOT).equals(lower)) {
        return c;
      }
    }
    if (word.length() < 4) {
      return null;
    }
    for (String c : candidates) {
      if (distance(lower, c.toLowerCase(Locale.ROOT)) <= 2) {
        return c;
      }
    }
    return null;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
