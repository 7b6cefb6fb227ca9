package dev.osimages.engine.verify.gossfile;

import java.util.List;

/** The parsed form of a goss template (Go text/template without define/template/block). */
sealed interface TemplateNode {
  /** Literal text between actions (already trimmed by {{- and -}}). */
  record Text(String text) implements TemplateNode {}

  /** {{ pipeline }}: prints the value, unless the pipeline declares or assigns a variable. */
  record Output(Pipeline pipeline) implements TemplateNode {}

  /**
   * {{ if p }}..{{ else }}..{{ end }} or the same with {@code with} (dot set to the value); an else
   * if / else with is a nested node alone in {@code orElse}, as Go parses it.
   */
  record Conditional(
      boolean with, Pipeline condition, List<TemplateNode> body, List<TemplateNode> orElse)
      implements TemplateNode {}

  /** {{ range [$i, $x :=] p }}..{{ else }}..{{ end }}. */
  record Range(Pipeline pipeline, List<TemplateNode> body, List<TemplateNode> orElse)
      implements TemplateNode {}

  /** {{ break }} or {{ continue }} inside a range. */
  record LoopControl(boolean isBreak, int line) implements TemplateNode {}

  /**
   * Commands joined by |, each command's value the last argument of the next; {@code variables} are
   * declared ({@code :=}) or assigned ({@code =}) with the result.
   */
  record Pipeline(List<String> variables, boolean assign, List<Command> commands, int line) {
    public Pipeline {
      variables = List.copyOf(variables);
      commands = List.copyOf(commands);
    }
  }

  /** A function and its arguments, or a single operand; {@code line}: of its first token. */
  record Command(List<Expr> operands, int line) {
    public Command {
      operands = List.copyOf(operands);
    }
  }

  /** An operand. */
  sealed interface Expr {}

  /** A constant: string, Long, Double or Boolean. */
  record Literal(Object value) implements Expr {}

  /** {@code nil}. */
  record Nil() implements Expr {}

  /** A field chain from dot: {@code .}, {@code .Vars.a.b}. */
  record Field(List<String> names) implements Expr {}

  /** A variable with an optional field chain: {@code $}, {@code $x.a}. */
  record Variable(String name, List<String> names) implements Expr {}

  /** A function name: called with the following operands, or with none as an argument. */
  record Function(String name) implements Expr {}

  /** A parenthesized pipeline with an optional field chain: {@code (index .m "k").a}. */
  record Sub(Pipeline pipeline, List<String> names) implements Expr {}
}
