package dev.osimages.engine.declaration;

import dev.osimages.engine.model.SourcePosition;
import java.util.function.Function;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Tag;

/** Words snakeyaml's parse errors as one line: what is wrong, and what it was inside of. */
final class SyntaxMessages {
  private SyntaxMessages() {}

  /**
   * The message for a parse error, e.g. {@code syntax error: mapping values are not allowed here}
   * or {@code undefined alias *base}; the context (what was being parsed, and where it began) is
   * added when it points elsewhere.
   */
  static String of(MarkedYAMLException e, Function<Mark, SourcePosition> at) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().strip();
    if (problem.startsWith("found undefined alias ")) {
      return "undefined alias *" + problem.substring("found undefined alias ".length());
    }
    if (problem.contains("\\t(TAB)")) {
      return "tab character; YAML separates and indents with spaces only";
    }
    if (problem.contains("but found another document")) {
      return "a second YAML document; the declaration must be a single document";
    }
    boolean indentation = problem.contains("<block end>");
    problem = problem.replace("<block end>", "the end of a block");
    problem = problem.replace("'<block mapping start>'", "a new key");
    problem = problem.replace("<block mapping start>", "a new key");
    StringBuilder msg = new StringBuilder("syntax error: ").append(problem);
    String context = e.getContext();
    Mark contextMark = e.getContextMark();
    if (context != null && !context.isBlank()) {
      msg.append(" (").append(context.strip());
      if (contextMark != null && !sameLine(contextMark, e.getProblemMark())) {
        SourcePosition where = at.apply(contextMark);
        msg.append(" at ").append(where.line()).append(':').append(where.column());
      }
      msg.append(')');
    }
    if (indentation) {
      msg.append("; check the indentation");
    }
    return msg.toString();
  }

  /** {@code !!int} for YAML's own tags, the full tag otherwise. */
  static String shortTag(String tag) {
    return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
  }

  private static boolean sameLine(Mark a, Mark b) {
    return b != null && a.getLine() == b.getLine() && a.getColumn() == b.getColumn();
  }
}
