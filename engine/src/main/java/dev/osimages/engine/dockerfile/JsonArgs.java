package dev.osimages.engine.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON array form of RUN, SHELL, COPY and ADD ({@code ["a", "b"]}). Like Docker, text that is
 * not a valid JSON array of strings is not an error: the caller treats it as shell form.
 */
final class JsonArgs {
  private JsonArgs() {}

  /** The strings of the array, or empty when {@code text} is not a JSON array of strings. */
  static Optional<List<String>> parse(String text) {
    String s = text.strip();
    if (!s.startsWith("[") || !s.endsWith("]")) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    int i = skipSpace(s, 1);
    if (s.charAt(i) == ']') {
      return i == s.length() - 1 ? Optional.of(out) : Optional.empty();
    }
    while (i < s.length()) {
      if (s.charAt(i) != '"') {
        return Optional.empty();
      }
      StringBuilder b = new StringBuilder();
      i = string(s, i + 1, b);
      if (i < 0) {
        return Optional.empty();
      }
      out.add(b.toString());
      i = skipSpace(s, i);
      if (i < s.length() && s.charAt(i) == ']') {
        return i == s.length() - 1 ? Optional.of(out) : Optional.empty();
      }
      if (i >= s.length() || s.charAt(i) != ',') {
        return Optional.empty();
      }
      i = skipSpace(s, i + 1);
    }
    return Optional.empty();
  }

  private static int string(String s, int i, StringBuilder b) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 >= s.length()) {
          return -1;
        }
        char e = s.charAt(i + 1);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            if (i + 6 > s.length()) {
              return -1;
            }
            try {
              b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
            } catch (NumberFormatException bad) {
              return -1;
            }
            i += 4;
          }
          default -> b.append(e);
        }
        i += 2;
      } else {
        b.append(c);
        i++;
      }
    }
    return -1;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
