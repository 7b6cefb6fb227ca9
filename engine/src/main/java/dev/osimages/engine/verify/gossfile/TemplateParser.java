package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.gossfile.TemplateLexer.Action;
import dev.osimages.engine.verify.gossfile.TemplateLexer.Token;
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
  private final int endLine;
  private int pos;

  TemplateParser(String file, String text) throws TemplateException {
    this.file = file;
    TemplateLexer lexer = new TemplateLexer(file, text);
    this.items = lexer.items();
    this.endLine = lexer.endLine();
  }

  /** Parses the whole template. */
  List<TemplateNode> parse() throws TemplateException {
    List<TemplateNode> nodes = new ArrayList<>();
    String stop = block(nodes);
    if (stop != null) {
      throw new TemplateException(file, current().line(), "unexpected {{" + stop + "}}");
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
      List<Token> toks = ((Action) item).tokens();
      if (toks.isEmpty()) {
        continue; // a comment
      }
      String head = toks.get(0).text();
      switch (head) {
        case "end", "else" -> {
          return head;
        }
        case "if" -> out.add(ifChain(toks));
        case "range" -> out.add(range(toks));
        default -> {
          Expr e = expression(toks, "command");
          out.add(new TemplateNode.Output(e, e.line()));
        }
      }
    }
    return null;
  }

  private TemplateNode ifChain(List<Token> first) throws TemplateException {
    List<Expr> conditions = new ArrayList<>();
    List<List<TemplateNode>> bodies = new ArrayList<>();
    conditions.add(expression(first.subList(1, first.size()), "if"));
    while (true) {
      List<TemplateNode> body = new ArrayList<>();
      String stop = block(body);
      bodies.add(body);
      if (stop == null) {
        throw unclosed("if", first);
      }
      if (stop.equals("end")) {
        return new TemplateNode.If(conditions, bodies, List.of());
      }
      List<Token> toks = current().tokens();
      if (toks.size() > 2 && toks.get(1).text().equals("if")) {
        conditions.add(expression(toks.subList(2, toks.size()), "if"));
        continue;
      }
      if (toks.size() > 1) {
        throw unsupported(toks.get(1), ": {{else " + toks.get(1).text() + "}}");
      }
      List<TemplateNode> orElse = new ArrayList<>();
      if (!"end".equals(block(orElse))) {
        throw unclosed("if", first);
      }
      return new TemplateNode.If(conditions, bodies, orElse);
    }
  }

  private TemplateNode range(List<Token> toks) throws TemplateException {
    for (Token t : toks) {
      if (t.text().equals(":=") || t.text().equals("=")) {
        throw unsupported(t, ": range with variables");
      }
    }
    Expr over = expression(toks.subList(1, toks.size()), "range");
    List<TemplateNode> body = new ArrayList<>();
    String stop = block(body);
    List<TemplateNode> orElse = new ArrayList<>();
    if ("else".equals(stop)) {
      stop = block(orElse);
    }
    if (!"end".equals(stop)) {
      throw unclosed("range", toks);
    }
    return new TemplateNode.Range(over, body, orElse, over.line());
  }

  private Action current() {
    return (Action) items.get(pos - 1);
  }

  /** An expression: a single term, or a function applied to terms; all of {@code toks}. */
  private Expr expression(List<Token> toks, String of) throws TemplateException {
    if (toks.isEmpty()) {
      throw new TemplateException(file, current().line(), "missing value for " + of);
    }
    Cursor c = new Cursor(toks);
    Expr e = command(c, false);
    if (c.more()) {
      throw unsupported(c.peek(), " near \"" + c.peek().text() + "\"");
    }
    return e;
  }

  private Expr command(Cursor c, boolean nested) throws TemplateException {
    Token head = c.next();
    if (FUNCTIONS.contains(head.text())) {
      List<Expr> args = new ArrayList<>();
      while (c.more() && !c.peek().text().equals(")")) {
        args.add(term(c, c.next()));
      }
      return new Call(head.text(), args, head.line());
    }
    Expr t = term(c, head);
    if (nested && c.more() && !c.peek().text().equals(")")) {
      throw unsupported(c.peek(), " near \"" + c.peek().text() + "\"");
    }
    return t;
  }

  private Expr term(Cursor c, Token token) throws TemplateException {
    String t = token.text();
    int line = token.line();
    if (t.equals("(")) {
      if (!c.more()) {
        throw new TemplateException(file, line, "unclosed left paren");
      }
      Expr inner = command(c, true);
      if (!c.more() || !c.next().text().equals(")")) {
        throw new TemplateException(file, line, "unclosed left paren");
      }
      return inner;
    }
    if (t.equals(".")) {
      return new Field(false, List.of(), line);
    }
    if ((t.startsWith(".") && !t.matches("\\.\\d.*")) || t.startsWith("$.") || t.equals("$")) {
      boolean root = t.startsWith("$");
      String chain = root ? t.substring(1) : t;
      List<String> names = chain.isEmpty() ? List.of() : List.of(chain.substring(1).split("\\."));
      if (names.stream().anyMatch(n -> !n.matches("[A-Za-z_][A-Za-z0-9_]*"))) {
        throw new TemplateException(file, line, "bad field " + t);
      }
      return new Field(root, names, line);
    }
    return literal(token);
  }

  private Expr literal(Token token) throws TemplateException {
    String t = token.text();
    int line = token.line();
    if (t.startsWith("\"") || t.startsWith("`")) {
      return new Literal(TemplateLexer.unquote(t), line);
    }
    if (t.equals("true") || t.equals("false")) {
      return new Literal(Boolean.parseBoolean(t), line);
    }
    if (t.matches("[-+]?[0-9][0-9a-fA-FxXoObB_]*")) {
      Long n = GoInts.parse(t);
      if (n != null) {
        return new Literal(n, line);
      }
    }
    if (t.matches("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+(?=[eE]))([eE][-+]?\\d+)?")) {
      return new Literal(Double.parseDouble(t), line);
    }
    if (t.matches("[-+]?\\.?[0-9].*")) {
      throw new TemplateException(file, line, "bad number syntax: \"" + t + "\"");
    }
    if (t.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new TemplateException(
          file,
          line,
          "function \"" + t + "\" not supported (goss template subset: eq ne and or not)");
    }
    throw unsupported(token, " near \"" + t + "\"");
  }

  private TemplateException unclosed(String keyword, List<Token> start) {
    return new TemplateException(
        file,
        endLine,
        "unexpected EOF: the {{"
            + keyword
            + "}} at line "
            + start.get(0).line()
            + " has no {{end}}");
  }

  private TemplateException unsupported(Token at, String what) {
    return new TemplateException(file, at.line(), "unsupported template syntax" + what);
  }

  /** Reads the tokens of one action in order. */
  private static final class Cursor {
    private final List<Token> tokens;
    private int at;

    Cursor(List<Token> tokens) {
      this.tokens = tokens;
    }

    boolean more() {
      return at < tokens.size();
    }

    Token peek() {
      return tokens.get(at);
    }

    Token next() {
      return tokens.get(at++);
    }
  }
}
