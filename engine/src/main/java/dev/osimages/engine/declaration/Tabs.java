package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.SourcePosition;
import java.util.List;

/**
 * Finds tabs in indentation before parsing. YAML forbids them, but snakeyaml reports them as a
 * puzzling "found character '\t' that cannot start any token" somewhere near, not at, the tab.
 */
final class Tabs {
  private Tabs() {}

  /** Adds one problem per line whose leading whitespace holds a tab. */
  static void check(String text, String file, List<Problem> problems) {
    int line = 1;
    int column = 1;
    boolean leading = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        leading = true;
        continue;
      }
      if (leading && c == '\t') {
        problems.add(
            Problem.error(
                new SourcePosition(file, line, column),
                "",
                "tab in indentation; YAML indents with spaces only"));
        leading = false;
      } else if (c != ' ') {
        leading = false;
      }
      column++;
    }
  }

  /** The line and column of a character offset (counted in code points) in {@code text}. */
  static SourcePosition positionOf(String text, int codePointIndex, String file) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0;
        i < text.length() && seen < codePointIndex;
        i += Character.charCount(text.codePointAt(i))) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      seen++;
    }
    return new SourcePosition(file, line, column);
  }
}
