package dev.osimages.engine.verify.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A semver range read as blang/semver v4's {@code ParseRange} reads it, which is what goss's {@code
 * semver-constraint} uses: terms separated by spaces are ANDed, {@code ||} separates alternatives,
 * operators {@code = == != ! > >= < <=} (none means =) may be followed by spaces, and a last part
 * {@code x} is a wildcard ({@code 1.2.x}, {@code 1.x}). blang's quirks are kept, since a suite must
 * pass or fail as with goss: a part of one character is dropped, so {@code "1.2.3 - 1.4.0"} means
 * both versions at once; {@code !=1.2.x} can never match; an {@code x} anywhere else (as in a
 * pre-release) makes the range invalid.
 */
final class SemverRange {
  private record Term(String op, SemverVersion version) {}

  private final List<List<Term>> alternatives;

  private SemverRange(List<List<Term>> alternatives) {
    this.alternatives = alternatives;
  }

  /** The range, or empty when blang/semver would refuse it. */
  static Optional<SemverRange> parse(String s) {
    List<List<Term>> alternatives = new ArrayList<>();
    List<Term> terms = new ArrayList<>();
    List<String> parts = parts(s);
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).equals("||")) {
        if (i == 0 || i == parts.size() - 1 || terms.isEmpty()) {
          return Optional.empty();
        }
        alternatives.add(terms);
        terms = new ArrayList<>();
        continue;
      }
      for (String part : expandWildcard(parts.get(i))) {
        Optional<Term> t = term(part);
        if (t.isEmpty()) {
          return Optional.empty();
        }
        terms.add(t.get());
      }
    }
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    alternatives.add(terms);
    return Optional.of(new SemverRange(alternatives));
  }

  /** Whether {@code v} satisfies every term of some alternative. */
  boolean contains(SemverVersion v) {
    return alternatives.stream().anyMatch(alt -> alt.stream().allMatch(t -> holds(t, v)));
  }

  private static boolean holds(Term t, SemverVersion v) {
    int c = v.compareTo(t.version());
    return switch (t.op()) {
      case "!=", "!" -> c != 0;
      case ">" -> c > 0;
      case ">=" -> c >= 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      default -> c == 0;
    };
  }

  /** blang's splitAndTrim: split at spaces not after an operator; one-character parts vanish. */
  private static List<String> parts(String s) {
    List<String> out = new ArrayList<>();
    int last = 0;
    char lastChar = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' && "><=".indexOf(lastChar) < 0) {
        if (last < i - 1) {
          out.add(s.substring(last, i).replace(" ", ""));
        }
        last = i + 1;
      } else if (c != ' ') {
        lastChar = c;
      }
    }
    if (last < s.length() - 1) {
      out.add(s.substring(last).replace(" ", ""));
    }
    return out;
  }

  private static Optional<Term> term(String part) {
    int digit = firstDigit(part);
    if (digit < 0) {
      return Optional.empty();
    }
    String op = part.substring(0, digit).strip();
    if (!List.of("", "=", "==", "!=", "!", ">", ">=", "<", "<=").contains(op)) {
      return Optional.empty();
    }
    return SemverVersion.parse(part.substring(digit)).map(v -> new Term(op, v));
  }

  private static int firstDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** blang's expandWildcardVersion, for a part that contains an x anywhere. */
  private static List<String> expandWildcard(String part) {
    int digit = firstDigit(part);
    if (!part.contains("x") || digit < 0) {
      return List.of(part);
    }
    String op = part.substring(0, digit).strip();
    String v = part.substring(digit);
    String[] dots = v.split("\\.", -1);
    int wildcard = dots[dots.length - 1].equals("x") ? dots.length : 0; // 2: 1.x, 3: 1.2.x
    String flat = v.replaceFirst("\\.x\\.x", ".x").replaceFirst("\\.x", ".0");
    flat = flat.split("\\.", -1).length == 2 ? flat + ".0" : flat;
    String next = wildcard == 3 ? bump(flat, 1) : wildcard == 2 ? bump(flat, 0) : "";
    return switch (op) {
      case ">" -> List.of(">=" + next);
      case ">=" -> List.of(">=" + flat);
      case "<" -> List.of("<" + flat);
      case "<=" -> List.of("<" + next);
      case "", "=", "==" -> List.of(">=" + flat, "<" + next);
      case "!=", "!" -> List.of("<" + flat, ">=" + next);
      default -> List.of(flat);
    };
  }

  /** The version with part {@code index} one higher (blang leaves the lower parts as they are). */
  private static String bump(String v, int index) {
    String[] p = v.split("\\.", -1);
    try {
      p[index] = Long.toString(Long.parseLong(p[index]) + 1);
    } catch (NumberFormatException e) {
      return "";
    }
    return String.join(".", p);
  }
}
