package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.gossfile.TemplateNode.Call;
import dev.osimages.engine.verify.gossfile.TemplateNode.Expr;
import dev.osimages.engine.verify.gossfile.TemplateNode.Field;
import dev.osimages.engine.verify.gossfile.TemplateNode.Literal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the Go text/template subset goss suites use: output actions, if / else if / else / end,
 * range, the functions eq ne and or not, fields from dot and $, literals, parentheses, trim markers
 * and comments. Anything else is an error naming file:line, so a suite never renders differently
 * from real goss without saying so.
 */
final class TemplateParser {
  static final Set<String> FUNCTIONS = Set.of("eq", "ne", "and", "or", "not");

  private final String file;
  private final List<Object> items; // String text or TemplateLexer.Action
  private int pos;

  TemplateParser(String file, String text) throws TemplateException {
    this.file = file;
    this.items = new TemplateLexer(file, text).items();
  }

  /** Parses the whole template. */
  List<TemplateNode> parse() throws TemplateException {
    List<TemplateNode> nodes = new ArrayList<>();
    String stop = block(nodes);
    if (stop != null) {
      throw error(current(), "unexpected {{" + stop + "}}");
    }
    return nodes;
  }

  /** Parses nodes until else / else if / end; returns which keyword stopped it (null at EOF). */
  private String block(List<TemplateNode> out) throws TemplateException {
    while (pos < items.size()) {
      Object item = items.get(pos++);
      if (item instanceof String text) {
        out.add(new TemplateNode.Text(text));
        continue;
      }
      TemplateLexer.Action a = (TemplateLexer.Action) item;
      List<String> toks = a.tokens();
      if (toks.isEmpty()) {
        continue; // a comment
      }
      switch (toks.get(0)) {
        case "end", "else" -> {
          return toks.get(0);
        }
        case "if" -> out.add(ifChain(a, toks.subList(1, toks.size())));
        case "range" -> out.add(range(a, toks.subList(1, toks.size())));
        default -> out.add(new TemplateNode.Output(expression(a, toks), a.line()));
      }
    }
    return null;
  }

  private TemplateNode ifChain(TemplateLexer.Action first, List<String> cond)
      throws TemplateException {
    List<Expr> conditions = new ArrayList<>();
    List<List<TemplateNode>> bodies = new ArrayList<>();
    conditions.add(expression(first, cond));
    while (true) {
      List<TemplateNode> body = new ArrayList<>();
      String stop = block(body);
      bodies.add(body);
      if (stop == null) {
        throw error(first, "unexpected EOF: {{if}} has no {{end}}");
      }
      if (stop.equals("end")) {
        return new TemplateNode.If(conditions, bodies, List.of());
      }
      TemplateLexer.Action elseAction = current();
      List<String> toks = elseAction.tokens();
      if (toks.size() > 2 && toks.get(1).equals("if")) {
        conditions.add(expression(elseAction, toks.subList(2, toks.size())));
        continue;
      }
      if (toks.size() > 1) {
        throw error(elseAction, "unsupported template syntax: {{" + String.join(" ", toks) + "}}");
      }
      List<TemplateNode> orElse = new ArrayList<>();
      if (!"end".equals(block(orElse))) {
        throw error(first, "unexpected EOF: {{if}} has no {{end}}");
      }
      return new TemplateNode.If(conditions, bodies, orElse);
    }
  }

  private TemplateNode range(TemplateLexer.Action a, List<String> toks) throws TemplateException {
    if (toks.contains(":=") || toks.contains("=")) {
      throw error(a, "unsupported template syntax: range with variables");
    }
    Expr over = expression(a, toks);
    List<TemplateNode> body = new ArrayList<>();
    String stop = block(body);
    List<TemplateNode> orElse = new ArrayList<>();
    if ("else".equals(stop)) {
      stop = block(orElse);
    }
    if (!"end".equals(stop)) {
      throw error(a, "unexpected EOF: {{range}} has no {{end}}");
    }
    return new TemplateNode.Range(over, body, orElse, a.line());
  }

  private TemplateLexer.Action current() {
    return (TemplateLexer.Action) items.get(pos - 1);
  }

  /** An expression: a single term, or a function applied to terms. */
  private Expr expression(TemplateLexer.Action a, List<String> toks) throws TemplateException {
    int[] at = {0};
    Expr e = command(a, toks, at, false);
    if (at[0] != toks.size()) {
      throw error(a, "unsupported template syntax near \"" + toks.get(at[0]) + "\"");
    }
    return e;
  }

  private Expr command(TemplateLexer.Action a, List<String> toks, int[] at, boolean nested)
      throws TemplateException {
    if (at[0] >= toks.size()) {
      throw error(a, "missing value for command");
    }
    String head = toks.get(at[0]);
    if (FUNCTIONS.contains(head)) {
      at[0]++;
      List<Expr> args = new ArrayList<>();
      while (at[0] < toks.size() && !toks.get(at[0]).equals(")")) {
        args.add(term(a, toks, at));
      }
      return new Call(head, args, a.line());
    }
    Expr t = term(a, toks, at);
    if (nested && at[0] < toks.size() && !toks.get(at[0]).equals(")")) {
      throw error(a, "unsupported template syntax near \"" + toks.get(at[0]) + "\"");
    }
    return t;
  }

  private Expr term(TemplateLexer.Action a, List<String> toks, int[] at) throws TemplateException {
    String t = toks.get(at[0]++);
    int line = a.line();
    if (t.equals("(")) {
      Expr inner = command(a, toks, at, true);
      if (at[0] >= toks.size() || !toks.get(at[0]++).equals(")")) {
        throw error(a, "unclosed left paren");
      }
      return inner;
    }
    if (t.equals(".")) {
      return new Field(false, List.of(), line);
    }
    if (t.startsWith(".") || t.startsWith("$.") || t.equals("$")) {
      boolean root = t.startsWith("$");
      String chain = root ? t.substring(1) : t;
      List<String> names = chain.isEmpty() ? List.of() : List.of(chain.substring(1).split("\\."));
      if (names.stream().anyMatch(n -> !n.matches("[A-Za-z_][A-Za-z0-9_]*"))) {
        throw error(a, "bad field " + t);
      }
      return new Field(root, names, line);
    }
    if (t.startsWith("\"") || t.startsWith("`")) {
      return new Literal(TemplateLexer.unquote(t), line);
    }
    if (t.equals("true") || t.equals("false")) {
      return new Literal(Boolean.parseBoolean(t), line);
    }
    if (t.matches("-?\\d+")) {
      return new Literal(Long.parseLong(t), line);
    }
    if (t.matches("-?\\d*\\.\\d+([eE][-+]?\\d+)?")) {
      return new Literal(Double.parseDouble(t), line);
    }
    if (t.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw error(
          a, "function \"" + t + "\" not supported (goss template subset: eq ne and or not)");
    }
    throw error(a, "unsupported template syntax near \"" + t + "\"");
  }

  private TemplateException error(TemplateLexer.Action a, String message) {
    return new TemplateException(file, a.line(), message);
  }
}
