package dev.osimages.engine.model;

import java.util.Comparator;

/**
 * Where something was written: the file as the operator named it, and a 1-based line and column.
 * Messages print it as {@code file:line:col}; a column of 0 means unknown and is left out.
 */
public record SourcePosition(String file, int line, int column)
    implements Comparable<SourcePosition> {
  /** A position for things that have no place in a file (command-line values, defaults). */
  public static SourcePosition unknown(String file) {
    return new SourcePosition(file, 0, 0);
  }

  private static final Comparator<SourcePosition> ORDER =
      Comparator.comparing(SourcePosition::file)
          .thenComparingInt(SourcePosition::line)
          .thenComparingInt(SourcePosition::column);

  @Override
  public int compareTo(SourcePosition o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    if (line == 0) {
      return file;
    }
    return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
