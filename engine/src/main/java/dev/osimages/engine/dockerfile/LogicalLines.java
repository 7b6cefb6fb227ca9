package dev.osimages.engine.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Dockerfile text into logical lines as Docker does: a UTF-8 byte order mark dropped, parser
 * directives at the top ({@code # escape=}, {@code # syntax=}; the first line that is not a known
 * directive ends them, and each may appear once), comment and blank lines dropped, a trailing
 * escape character continues the line, and comment lines inside a continued instruction are dropped
 * (not joined), as Docker drops them. The here-documents of RUN, COPY and ADD take the raw lines
 * after their instruction, up to each delimiter, as BuildKit's parser does.
 */
final class LogicalLines {
  private static final Set<String> HEREDOC_KEYWORDS = Set.of("RUN", "COPY", "ADD");
  private static final Pattern DIRECTIVE =
      Pattern.compile("^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$");
  private static final Set<String> DIRECTIVES = Set.of("escape", "syntax");

  private final String file;
  private char escape = '\\';
  private final List<LogicalLine> lines = new ArrayList<>();

  private LogicalLines(String file) {
    this.file = file;
  }

  /** Parses {@code text}; the result's escape character comes from the directive, else '\'. */
  static LogicalLines of(String file, String text) {
    LogicalLines l = new LogicalLines(file);
    l.read((text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n", -1));
    return l;
  }

  char escape() {
    return escape;
  }

  List<LogicalLine> lines() {
    return lines;
  }

  private void read(String[] raw) {
    int i = directives(raw);
    while (i < raw.length) {
      String s = raw[i].strip();
      if (s.isEmpty() || s.startsWith("#")) {
        i++;
        continue;
      }
      int first = i + 1;
      StringBuilder text = new StringBuilder();
      while (true) {
        String cur = raw[i].stripTrailing();
        boolean continued = !cur.isEmpty() && cur.charAt(cur.length() - 1) == escape;
        text.append(continued ? cur.substring(0, cur.length() - 1) : cur);
        i++;
        if (!continued) {
          break;
        }
        i = skipCommentsAndBlanks(raw, i);
        if (i >= raw.length) {
          break;
        }
      }
      i = add(first, text.toString().strip(), raw, i);
    }
  }

  /**
   * Reads the bodies of the heredocs {@code text} opens from {@code raw[i..]}; returns the next.
   */
  private int heredocs(int line, String text, String[] raw, int i, List<Heredoc> out) {
    for (Heredoc h : HeredocWords.markers(text)) {
      StringBuilder body = new StringBuilder();
      boolean terminated = false;
      while (i < raw.length) {
        String l = raw[i++];
        String candidate = h.chomp() ? l.replaceFirst("^\t+", "") : l;
        if (candidate.equals(h.name())) {
          terminated = true;
          break;
        }
        body.append(l).append('\n');
      }
      if (!terminated) {
        throw new DockerfileException(
            file, line, "unterminated heredoc: no line '" + h.name() + "' ends it");
      }
      out.add(h.withContent(body.toString()));
    }
    return i;
  }

  private int skipCommentsAndBlanks(String[] raw, int i) {
    while (i < raw.length && (raw[i].isBlank() || raw[i].strip().startsWith("#"))) {
      i++;
    }
    return i;
  }

  private int directives(String[] raw) {
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (; i < raw.length; i++) {
      Matcher m = DIRECTIVE.matcher(raw[i].strip());
      String name = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
      if (!DIRECTIVES.contains(name)) {
        return i;
      }
      if (!seen.add(name)) {
        throw new DockerfileException(file, i + 1, "only one " + name + " directive can be used");
      }
      if (name.equals("escape")) {
        String v = m.group(2);
        if (!v.equals("\\") && !v.equals("`")) {
          throw new DockerfileException(
              file, i + 1, "escape directive must be '\\' or '`', got: " + v);
        }
        escape = v.charAt(0);
      }
    }
    return i;
  }

  private int add(int line, String text, String[] raw, int next) {
    int sp = 0;
    while (sp < text.length() && !Character.isWhitespace(text.charAt(sp))) {
      sp++;
    }
    String keyword = text.substring(0, sp).toUpperCase(Locale.ROOT);
    List<Heredoc> docs = new ArrayList<>();
    if (HEREDOC_KEYWORDS.contains(keyword) && text.contains("<<")) {
      next = heredocs(line, text, raw, next, docs);
    }
    lines.add(new LogicalLine(line, keyword, text.substring(sp).strip(), docs));
    return next;
  }
}
