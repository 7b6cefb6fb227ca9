package dev.osimages.engine.dockerfile;

import java.util.List;

/**
 * One instruction's text after joining continued lines: its first line, keyword, the rest, and the
 * here-documents it opens (with their bodies).
 */
record LogicalLine(int line, String keyword, String rest, List<Heredoc> heredocs) {
  LogicalLine {
    heredocs = List.copyOf(heredocs);
  }
}
