package dev.osimages.engine.verify.gossfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text into text runs and {{ actions }}, applying Go's trim markers ({{- trims
 * whitespace before, -}} after) and dropping comments, and splits each action into tokens. Every
 * token keeps its line, so an error inside an action that spans lines names the line Go names.
 */
final class TemplateLexer {
  /** A token of an action and the 1-based line it starts on. */
  record Token(String text, int line) {}

  /** One action: the line of its {{ and its tokens (none for a comment). */
  record Action(int line, List<Token> tokens) {}

  private final String file;
  private final String text;

  TemplateLexer(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /** Text runs (String) and actions (Action) in order. */
  List<Object> items() throws TemplateException {
    List<Object> items = new ArrayList<>();
    int pos = 0;
    boolean trimNext = false;
    while (true) {
      int open = text.indexOf("{{", pos);
      String run = text.substring(pos, open < 0 ? text.length() : open);
      if (trimNext) {
        run = stripLeading(run);
      }
      if (open < 0) {
        items.add(run);
        return items;
      }
      int close = closing(open);
      String inner = text.substring(open + 2, close);
      int start = open + 2;
      boolean trimBefore = inner.length() > 1 && inner.charAt(0) == '-' && isSpace(inner.charAt(1));
      boolean trimAfter =
          inner.length() > 1
              && inner.charAt(inner.length() - 1) == '-'
              && isSpace(inner.charAt(inner.length() - 2));
      if (trimBefore) {
        run = stripTrailing(run);
        inner = inner.substring(1);
        start++;
      }
      if (trimAfter) {
        inner = inner.substring(0, inner.length() - 1);
      }
      items.add(run);
      items.add(new Action(lineOf(open), tokens(inner, start)));
      trimNext = trimAfter;
      pos = close + 2;
    }
  }

  /** The line after the last character: where Go reports an unexpected end of the template. */
  int endLine() {
    return lineOf(text.length());
  }

  /** The offset of the }} that closes the action opened at {@code open}, past quotes. */
  private int closing(int open) throws TemplateException {
    int i = open + 2;
    String rest = text.substring(i).stripLeading();
    if (rest.startsWith("-") && rest.length() > 1 && isSpace(rest.charAt(1))) {
      rest = rest.substring(1).stripLeading();
    }
    if (rest.startsWith("/*")) {
      int end = text.indexOf("*/", text.indexOf("/*", i) + 2);
      int close = end < 0 ? -1 : text.indexOf("}}", end + 2);
      if (close < 0 || !text.substring(end + 2, close).strip().matches("-?")) {
        throw new TemplateException(file, lineOf(open), "unclosed comment");
      }
      return close;
    }
    while (i < text.length() - 1) {
      char c = text.charAt(i);
      if (c == '"' || c == '`') {
        i = closingQuote(text, i, lineOf(i)) + 1;
      } else if (c == '}' && text.charAt(i + 1) == '}') {
        return i;
      } else {
        i++;
      }
    }
    throw new TemplateException(
        file, endLine(), "unclosed action started at " + file + ":" + lineOf(open));
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String stripTrailing(String s) {
    int i = s.length();
    while (i > 0 && isSpace(s.charAt(i - 1))) {
      i--;
    }
    return s.substring(0, i);
  }

  private int lineOf(int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The tokens of an action's text {@code s}, which starts at {@code base} in the template. */
  private List<Token> tokens(String s, int base) throws TemplateException {
    List<Token> out = new ArrayList<>();
    if (s.strip().startsWith("/*")) {
      return out;
    }
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int start = i;
      if (isSpace(c)) {
        i++;
        continue;
      } else if (c == '(' || c == ')' || c == '|') {
        i++;
      } else if (c == '"' || c == '`') {
        i = closingQuote(s, i, lineOf(base + i)) + 1;
      } else {
        while (i < s.length() && !isSpace(s.charAt(i)) && "()|\"`".indexOf(s.charAt(i)) < 0) {
          i++;
        }
      }
      out.add(new Token(s.substring(start, i), lineOf(base + start)));
    }
    if (out.isEmpty()) {
      throw new TemplateException(file, lineOf(base), "missing value for command");
    }
    for (Token t : out) {
      if (t.text().equals("|")) {
        throw new TemplateException(file, t.line(), "unsupported template syntax: pipelines (|)");
      }
    }
    return out;
  }

  private int closingQuote(String s, int start, int line) throws TemplateException {
    char q = s.charAt(start);
    for (int i = start + 1; i < s.length(); i++) {
      if (q == '"' && s.charAt(i) == '\\') {
        i++;
      } else if (q == '"' && s.charAt(i) == '\n') {
        break; // an interpreted string ends at the line's end in Go
      } else if (s.charAt(i) == q) {
        return i;
      }
    }
    throw new TemplateException(
        file, line, q == '`' ? "unterminated raw quoted string" : "unterminated quoted string");
  }

  /** The value of a Go string literal ("..." with escapes, or `raw`). */
  static String unquote(String t) {
    String body = t.substring(1, t.length() - 1);
    if (t.charAt(0) == '`') {
      return body;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char n = body.charAt(++i);
        b.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
