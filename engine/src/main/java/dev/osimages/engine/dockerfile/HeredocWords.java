package dev.osimages.engine.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds here-document markers ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}, {@code 2<<EOF}) in
 * an instruction line as BuildKit's parser does: the line is split into words keeping quotes,
 * {@code <<} followed by blanks joins the next word, and a word is a marker when it is {@code <<}
 * and one delimiter word. A delimiter with any quoted part turns expansion off.
 */
final class HeredocWords {
  private static final Pattern MARKER = Pattern.compile("^(\\d*)<<(-?)\\s*([^<]*)$");

  private HeredocWords() {}

  /** The markers of {@code line}, in order, bodies empty. */
  static List<Heredoc> markers(String line) {
    List<Heredoc> out = new ArrayList<>();
    for (String w : words(line)) {
      parse(w).ifPresent(out::add);
    }
    return out;
  }

  /** {@code word} as a marker, if it is one. */
  static Optional<Heredoc> parse(String word) {
    Matcher m = MARKER.matcher(word);
    if (!m.matches() || m.group(3).isEmpty()) {
      return Optional.empty();
    }
    String raw = m.group(3).strip();
    List<String> parts = words(raw);
    if (parts.size() != 1) {
      return Optional.empty();
    }
    String name = unquote(raw);
    boolean quoted = raw.indexOf('"') >= 0 || raw.indexOf('\'') >= 0;
    return Optional.of(new Heredoc(name, !quoted, m.group(2).equals("-"), ""));
  }

  /** Words of {@code line} with quotes and escapes kept; {@code << } sticks to what follows. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        continue;
      }
      cur.append(c);
      if (c == '\\' && quote != '\'' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else if (quote == 0 && c == '<' && i + 1 < line.length() && line.charAt(i + 1) == '<') {
        cur.append('<');
        i++;
        while (i + 1 < line.length() && (line.charAt(i + 1) == ' ' || line.charAt(i + 1) == '\t')) {
          cur.append(line.charAt(++i));
        }
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private static String unquote(String raw) {
    StringBuilder s = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && quote != '\'' && i + 1 < raw.length()) {
        s.append(raw.charAt(++i));
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }
}
