package dev.osimages.engine.verify.gossfile;

import java.util.List;

/** The parsed form of a goss template: text, output actions, if chains and ranges. */
sealed interface TemplateNode {
  /** Literal text between actions (already trimmed by {{- and -}}). */
  record Text(String text) implements TemplateNode {}

  /** {{ expr }}: prints the value. */
  record Output(Expr expr, int line) implements TemplateNode {}

  /** {{ if c1 }}..{{ else if c2 }}..{{ else }}..{{ end }}: conditions paired with bodies. */
  record If(List<Expr> conditions, List<List<TemplateNode>> bodies, List<TemplateNode> orElse)
      implements TemplateNode {}

  /** {{ range expr }}..{{ else }}..{{ end }}: the body runs with dot set to each element. */
  record Range(Expr over, List<TemplateNode> body, List<TemplateNode> orElse, int line)
      implements TemplateNode {}

  /** An expression inside an action. */
  sealed interface Expr {
    int line();
  }

  /** A field chain from dot or from the root ($): .Vars.a.b or $.Env.X or just ".". */
  record Field(boolean fromRoot, List<String> names, int line) implements Expr {}

  /** A literal: string, number or bool. */
  record Literal(Object value, int line) implements Expr {}

  /** A function call: eq, ne, and, or, not. */
  record Call(String function, List<Expr> args, int line) implements Expr {}
}
