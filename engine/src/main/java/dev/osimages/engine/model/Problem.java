package dev.osimages.engine.model;

import java.util.Comparator;

/**
 * One thing wrong (or worth a warning) in a declaration, at a place. Printed as {@code
 * images.yaml:12:5: versions."13".args: message}; {@code path} may be empty when the problem has no
 * node path (a YAML syntax error).
 */
public record Problem(Severity severity, SourcePosition position, String path, String message)
    implements Comparable<Problem> {

  /** How bad a problem is: errors fail validation (exit 2), warnings are printed only. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public static Problem error(SourcePosition position, String path, String message) {
    return new Problem(Severity.ERROR, position, path, message);
  }

  public static Problem warning(SourcePosition position, String path, String message) {
    return new Problem(Severity.WARNING, position, path, message);
  }

  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::position)
          .thenComparing(Problem::path)
          .thenComparing(Problem::message);

  @Override
  public int compareTo(Problem o) {
    return ORDER.compare(this, o);
  }

  /** The line as printed: position, path, message; warnings say so. */
  public String format() {
    String where = path.isEmpty() ? "" : path + ": ";
    String level = severity == Severity.WARNING ? "warning: " : "";
    return position + ": " + level + where + message;
  }
}
