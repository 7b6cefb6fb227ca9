package dev.osimages.engine.verify.gossfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text into text runs and {{ actions }} as Go's text/template lexer does: trim
 * markers ({{- trims white space before, -}} after), comments ({{/* *\/}}) dropped, quoted strings
 * that may contain "}}", and each action split into {@link Token}s.
 */
final class TemplateLexer {
  /** What the lexer produces: a text run or an action. */
  sealed interface Item {}

  /** Literal text between actions (trim markers already applied). */
  record Text(String text) implements Item {}

  /** One action: the line it starts on and its tokens (never empty). */
  record Action(int line, List<Token> tokens) implements Item {}

  /**
   * A token inside an action; {@code spaced} says whether white space came before it, {@code line}
   * is the line it starts on (an action may span lines; Go names the line of the token).
   */
  record Token(Kind kind, String text, boolean spaced, int line) {}

  /** Token kinds, named after Go's lexer items. */
  enum Kind {
    IDENTIFIER,
    FIELD,
    VARIABLE,
    DOT,
    STRING,
    RAW_STRING,
    CHAR,
    NUMBER,
    LEFT_PAREN,
    RIGHT_PAREN,
    PIPE,
    COMMA,
    DECLARE,
    ASSIGN
  }

  private final String file;
  private final String text;

  TemplateLexer(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /** The text runs and actions in order. */
  List<Item> items() throws TemplateException {
    List<Item> items = new ArrayList<>();
    int pos = 0;
    boolean trimNext = false;
    while (true) {
      int open = text.indexOf("{{", pos);
      String run = text.substring(pos, open < 0 ? text.length() : open);
      if (trimNext) {
        run = stripLeading(run);
      }
      if (open < 0) {
        items.add(new Text(run));
        return items;
      }
      int line = lineOf(open);
      int start = open + 2;
      if (start + 1 < text.length()
          && text.charAt(start) == '-'
          && isSpace(text.charAt(start + 1))) {
        run = stripTrailing(run);
        start += 2;
      }
      items.add(new Text(run));
      ActionScan scan = new ActionScan(start, line);
      List<Token> tokens = scan.tokens();
      trimNext = scan.trimAfter;
      pos = scan.end;
      if (!tokens.isEmpty()) {
        items.add(new Action(line, tokens));
      } else if (!scan.comment) {
        throw new TemplateException(file, line, "missing value for command");
      }
    }
  }

  /** Scans one action from just after its opening delimiter (and trim marker). */
  private final class ActionScan {
    private final int line;
    private int i;
    private int tokenLine;
    private int lineCountedTo;
    int end;
    boolean trimAfter;
    boolean comment;

    ActionScan(int start, int line) {
      this.i = start;
      this.line = line;
      this.tokenLine = line;
      this.lineCountedTo = start;
    }

    /** The line of offset {@code at} (at or after the last one asked for). */
    private int lineAt(int at) {
      for (; lineCountedTo < at; lineCountedTo++) {
        if (text.charAt(lineCountedTo) == '\n') {
          tokenLine++;
        }
      }
      return tokenLine;
    }

    List<Token> tokens() throws TemplateException {
      List<Token> out = new ArrayList<>();
      skipSpace();
      if (text.startsWith("/*", i)) {
        comment();
        return out;
      }
      boolean spaced = true;
      while (true) {
        int before = i;
        skipSpace();
        spaced |= i > before;
        if (i >= text.length()) {
          // Go reports it where the text ends, naming where the action began
          throw new TemplateException(
              file, lineOf(text.length()), "unclosed action started at " + file + ":" + line);
        }
        if (atClose()) {
          return out;
        }
        lineAt(i);
        out.add(token(spaced));
        spaced = false;
      }
    }

    private void comment() throws TemplateException {
      int close = text.indexOf("*/", i + 2);
      if (close < 0) {
        throw new TemplateException(file, line, "unclosed comment");
      }
      i = close + 2;
      comment = true;
      skipSpace();
      if (!atClose()) {
        throw new TemplateException(file, line, "comment ends before closing delimiter");
      }
    }

    /** At " -}}" or "}}": consumes it and records where the action ends. */
    private boolean atClose() {
      if (text.startsWith("-}}", i) && i > 0 && isSpace(text.charAt(i - 1))) {
        trimAfter = true;
        end = i + 3;
        return true;
      }
      if (text.startsWith("}}", i)) {
        end = i + 2;
        return true;
      }
      return false;
    }

    private void skipSpace() {
      while (i < text.length() && isSpace(text.charAt(i))) {
        i++;
      }
    }

    private Token token(boolean spaced) throws TemplateException {
      char c = text.charAt(i);
      int start = i;
      switch (c) {
        case '(':
          i++;
          return new Token(Kind.LEFT_PAREN, "(", spaced, tokenLine);
        case ')':
          i++;
          return new Token(Kind.RIGHT_PAREN, ")", spaced, tokenLine);
        case '|':
          i++;
          return new Token(Kind.PIPE, "|", spaced, tokenLine);
        case ',':
          i++;
          return new Token(Kind.COMMA, ",", spaced, tokenLine);
        case '=':
          i++;
          return new Token(Kind.ASSIGN, "=", spaced, tokenLine);
        case ':':
          if (text.startsWith(":=", i)) {
            i += 2;
            return new Token(Kind.DECLARE, ":=", spaced, tokenLine);
          }
          throw new TemplateException(file, line, "expected :=");
        case '"', '`', '\'':
          i = closingQuote(i);
          Kind k = c == '"' ? Kind.STRING : c == '`' ? Kind.RAW_STRING : Kind.CHAR;
          return new Token(k, text.substring(start, i), spaced, tokenLine);
        case '$':
          i++;
          word();
          return new Token(Kind.VARIABLE, text.substring(start, i), spaced, tokenLine);
        default:
          break;
      }
      if (c == '.' && !(i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
        i++;
        if (word() == 0) {
          return new Token(Kind.DOT, ".", spaced, tokenLine);
        }
        return new Token(Kind.FIELD, text.substring(start, i), spaced, tokenLine);
      }
      if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && digitAt(i + 1))) {
        i++;
        while (i < text.length() && numberChar(text.charAt(i), text.charAt(i - 1))) {
          i++;
        }
        return new Token(Kind.NUMBER, text.substring(start, i), spaced, tokenLine);
      }
      if (word() > 0) {
        return new Token(Kind.IDENTIFIER, text.substring(start, i), spaced, tokenLine);
      }
      throw new TemplateException(file, line, "unrecognized character in action: " + c);
    }

    private boolean digitAt(int at) {
      return at < text.length()
          && (Character.isDigit(text.charAt(at))
              || (text.charAt(at) == '.' && digitAt(at + 1) && at > 0));
    }

    private boolean numberChar(char c, char prev) {
      return Character.isLetterOrDigit(c)
          || c == '.'
          || c == '_'
          || ((c == '+' || c == '-') && (prev == 'e' || prev == 'E' || prev == 'p' || prev == 'P'));
    }

    /** Consumes identifier characters; returns how many. */
    private int word() {
      int start = i;
      while (i < text.length()
          && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
        i++;
      }
      return i - start;
    }

    private int closingQuote(int start) throws TemplateException {
      char q = text.charAt(start);
      for (int j = start + 1; j < text.length(); j++) {
        char c = text.charAt(j);
        if (q != '`' && c == '\\') {
          j++;
        } else if (q != '`' && c == '\n') {
          break;
        } else if (c == q) {
          return j + 1;
        }
      }
      throw new TemplateException(
          file,
          tokenLine,
          q == '\''
              ? "unterminated character constant"
              : q == '`' ? "unterminated raw quoted string" : "unterminated quoted string");
    }
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

  /** The line after the last character: where Go reports an unexpected end of the template. */
  int endLine() {
    return lineOf(text.length());
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
}
