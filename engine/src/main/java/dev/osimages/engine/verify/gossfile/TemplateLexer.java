package dev.osimages.engine.verify.gossfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text into text runs and {{ actions }}, applying Go's trim markers ({{- trims
 * whitespace before, -}} after) and dropping comments, and splits each action into tokens.
 */
final class TemplateLexer {
  /** One action: its 1-based line and its tokens (empty for a comment). */
  record Action(int line, List<String> tokens) {}

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
    while (pos <= text.length()) {
      int open = text.indexOf("{{", pos);
      String run = text.substring(pos, open < 0 ? text.length() : open);
      if (trimNext) {
        run = run.stripLeading();
      }
      if (open < 0) {
        items.add(run);
        break;
      }
      int close = text.indexOf("}}", open + 2);
      int line = lineOf(open);
      if (close < 0) {
        throw new TemplateException(file, line, "unclosed action");
      }
      String inner = text.substring(open + 2, close);
      boolean trimBefore = inner.length() > 1 && inner.charAt(0) == '-' && isSpace(inner.charAt(1));
      boolean trimAfter =
          inner.length() > 1
              && inner.charAt(inner.length() - 1) == '-'
              && isSpace(inner.charAt(inner.length() - 2));
      if (trimBefore) {
        run = run.stripTrailing();
        inner = inner.substring(1);
      }
      if (trimAfter) {
        inner = inner.substring(0, inner.length() - 1);
      }
      items.add(run);
      items.add(new Action(line, tokens(inner.strip(), line)));
      trimNext = trimAfter;
      pos = close + 2;
    }
    return items;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
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

  private List<String> tokens(String s, int line) throws TemplateException {
    List<String> out = new ArrayList<>();
    if (s.startsWith("/*")) {
      if (!s.endsWith("*/")) {
        throw new TemplateException(file, line, "unclosed comment");
      }
      return out;
    }
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == '|') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '"' || c == '`') {
        int end = closingQuote(s, i, line);
        out.add(s.substring(i, end + 1));
        i = end + 1;
      } else {
        int start = i;
        while (i < s.length() && !isSpace(s.charAt(i)) && "()|\"`".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        out.add(s.substring(start, i));
      }
    }
    if (out.contains("|")) {
      throw new TemplateException(file, line, "unsupported template syntax: pipelines (|)");
    }
    return out;
  }

  private int closingQuote(String s, int start, int line) throws TemplateException {
    char q = s.charAt(start);
    for (int i = start + 1; i < s.length(); i++) {
      if (q == '"' && s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == q) {
        return i;
      }
    }
    throw new TemplateException(file, line, "unterminated quoted string");
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
