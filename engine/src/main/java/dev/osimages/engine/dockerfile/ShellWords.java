package dev.osimages.engine.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's word rules for instruction arguments: whitespace splits words except inside quotes or
 * after the escape character; {@link #expand} then removes quotes and substitutes {@code $VAR},
 * {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}}, {@code ${VAR:+word}} and {@code
 * ${VAR+word}} from the values in effect. Single quotes are literal, as in Docker.
 */
public final class ShellWords {
  private final char escape;
  private final String file;
  private final int line;

  /** Rules for one instruction (the file and line name the place in errors). */
  public ShellWords(char escape, String file, int line) {
    this.escape = escape;
    this.file = file;
    this.line = line;
  }

  /** Splits raw text into raw words, keeping quotes and escapes for {@link #expand}. */
  public List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      cur.append(c);
      if (c == escape && quote != '\'' && i + 1 < text.length()) {
        cur.append(text.charAt(++i));
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    if (quote != 0) {
      throw error("unterminated quote in: " + text);
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return words;
  }

  /** Removes quotes and escapes and substitutes variables from {@code vars}. */
  public String expand(String raw, Map<String, String> vars) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    char quote = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          out.append(c);
        }
        i++;
      } else if (c == escape && i + 1 < raw.length()) {
        char next = raw.charAt(i + 1);
        if (quote == '"' && next != '"' && next != '$' && next != escape) {
          out.append(c);
        }
        out.append(next);
        i += 2;
      } else if (c == '$') {
        i = variable(raw, i, vars, out);
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
        i++;
      } else if (quote == '"' && c == '"') {
        quote = 0;
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Substitutes variables in {@code text} the way BuildKit expands a here-document body: quotes are
   * plain characters, a backslash takes the next character literally (and is dropped), {@code $}
   * forms expand as in {@link #expand}.
   */
  public String expandRaw(String text, Map<String, String> vars) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (i + 1 < text.length()) {
          out.append(text.charAt(i + 1));
        }
        i += 2;
      } else if (c == '$') {
        i = variable(text, i, vars, out);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private int variable(String raw, int at, Map<String, String> vars, StringBuilder out) {
    int i = at + 1;
    if (i >= raw.length()) {
      out.append('$');
      return i;
    }
    if (raw.charAt(i) == '{') {
      int close = closingBrace(raw, i);
      braced(raw.substring(i + 1, close), vars, out);
      return close + 1;
    }
    int start = i;
    while (i < raw.length() && isNameChar(raw.charAt(i), i == start)) {
      i++;
    }
    if (i == start) {
      out.append('$');
      return start;
    }
    out.append(vars.getOrDefault(raw.substring(start, i), ""));
    return i;
  }

  private void braced(String body, Map<String, String> vars, StringBuilder out) {
    int n = 0;
    while (n < body.length() && isNameChar(body.charAt(n), n == 0)) {
      n++;
    }
    if (n == 0) {
      throw error("bad substitution: ${" + body + "}");
    }
    String name = body.substring(0, n);
    String rest = body.substring(n);
    String value = vars.get(name);
    if (rest.isEmpty()) {
      out.append(value == null ? "" : value);
      return;
    }
    boolean colon = rest.startsWith(":");
    String op = colon ? rest.substring(1) : rest;
    boolean unset = colon ? value == null || value.isEmpty() : value == null;
    if (op.startsWith("-")) {
      out.append(unset ? expand(op.substring(1), vars) : value);
    } else if (op.startsWith("+")) {
      out.append(unset ? "" : expand(op.substring(1), vars));
    } else {
      throw error("unsupported substitution ${" + body + "} (supported: ${VAR:-x} ${VAR:+x})");
    }
  }

  private int closingBrace(String raw, int open) {
    int depth = 0;
    for (int i = open; i < raw.length(); i++) {
      if (raw.charAt(i) == '{') {
        depth++;
      } else if (raw.charAt(i) == '}' && --depth == 0) {
        return i;
      }
    }
    throw error("missing '}' in: " + raw);
  }

  private static boolean isNameChar(char c, boolean first) {
    return c == '_' || Character.isLetter(c) || (!first && Character.isDigit(c));
  }

  private DockerfileException error(String message) {
    return new DockerfileException(file, line, message);
  }
}
