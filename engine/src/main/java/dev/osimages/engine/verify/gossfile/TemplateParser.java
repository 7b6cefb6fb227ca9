package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.gossfile.TemplateLexer.Action;
import dev.osimages.engine.verify.gossfile.TemplateLexer.Kind;
import dev.osimages.engine.verify.gossfile.TemplateLexer.Token;
import dev.osimages.engine.verify.gossfile.TemplateNode.Conditional;
import dev.osimages.engine.verify.gossfile.TemplateNode.LoopControl;
import dev.osimages.engine.verify.gossfile.TemplateNode.Output;
import dev.osimages.engine.verify.gossfile.TemplateNode.Pipeline;
import dev.osimages.engine.verify.gossfile.TemplateNode.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses Go text/template as goss uses it: output actions with pipelines and variables, if / with /
 * range with else, else if, else with, break and continue. Variables and function names are checked
 * here, as Go's parser does. {@code define}, {@code template} and {@code block} are refused by name
 * (goss renders one file at a time and never defines templates).
 */
final class TemplateParser {
  private static final Set<String> UNSUPPORTED = Set.of("define", "template", "block");

  private final String file;
  private final List<TemplateLexer.Item> items;
  private final int endLine;
  private final TemplateFunctions functions;
  private final List<String> variables = new ArrayList<>(List.of("$"));
  private int pos;
  private int loops;

  TemplateParser(String file, String text, TemplateFunctions functions) throws TemplateException {
    this.file = file;
    TemplateLexer lexer = new TemplateLexer(file, text);
    this.items = lexer.items();
    this.endLine = lexer.endLine();
    this.functions = functions;
  }

  /** Parses the whole template. */
  List<TemplateNode> parse() throws TemplateException {
    List<TemplateNode> nodes = new ArrayList<>();
    Action stop = block(nodes);
    if (stop != null) {
      throw error(stop, "unexpected {{" + stop.tokens().get(0).text() + "}}");
    }
    return nodes;
  }

  /** Parses nodes until an else or end action, which is returned (null at the end of input). */
  private Action block(List<TemplateNode> out) throws TemplateException {
    while (pos < items.size()) {
      TemplateLexer.Item item = items.get(pos++);
      if (item instanceof TemplateLexer.Text t) {
        out.add(new TemplateNode.Text(t.text()));
        continue;
      }
      Action a = (Action) item;
      Token head = a.tokens().get(0);
      String word = head.kind() == Kind.IDENTIFIER ? head.text() : "";
      switch (word) {
        case "end", "else" -> {
          return a;
        }
        case "if", "with" -> out.add(conditional(a, 1, word.equals("with")));
        case "range" -> out.add(range(a));
        case "break", "continue" -> out.add(loopControl(a, word));
        default -> {
          if (UNSUPPORTED.contains(word)) {
            throw error(
                a,
                "{{"
                    + word
                    + "}} is not supported by this engine (goss renders each file on its own;"
                    + " define, template and block are not used by goss suites)");
          }
          out.add(new Output(pipeline(a, 0, false, "command")));
        }
      }
    }
    return null;
  }

  private TemplateNode conditional(Action a, int from, boolean with) throws TemplateException {
    int mark = variables.size();
    Pipeline condition = pipeline(a, from, false, with ? "with" : "if");
    List<TemplateNode> body = new ArrayList<>();
    Action stop = block(body);
    List<TemplateNode> orElse = new ArrayList<>();
    String keyword = with ? "with" : "if";
    if (stop != null && isWord(stop, 0, "else")) {
      if (stop.tokens().size() > 1 && isWord(stop, 1, keyword)) {
        // else if / else with: a nested node whose {{end}} also ends this one, as in Go
        orElse.add(conditional(stop, 2, with));
        stop = (Action) items.get(pos - 1);
      } else {
        requireAlone(stop);
        stop = block(orElse);
      }
    }
    truncate(mark);
    if (stop == null || !isWord(stop, 0, "end")) {
      throw unclosed(stop, a, keyword);
    }
    requireAlone(stop);
    return new Conditional(with, condition, body, orElse);
  }

  private TemplateNode range(Action a) throws TemplateException {
    int mark = variables.size();
    Pipeline p = pipeline(a, 1, true, "range");
    List<TemplateNode> body = new ArrayList<>();
    loops++;
    Action stop = block(body);
    loops--;
    List<TemplateNode> orElse = new ArrayList<>();
    if (stop != null && isWord(stop, 0, "else")) {
      requireAlone(stop);
      stop = block(orElse);
    }
    truncate(mark);
    if (stop == null || !isWord(stop, 0, "end")) {
      throw unclosed(stop, a, "range");
    }
    requireAlone(stop);
    return new Range(p, body, orElse);
  }

  private TemplateNode loopControl(Action a, String word) throws TemplateException {
    requireAlone(a);
    if (loops == 0) {
      throw error(a, "{{" + word + "}} outside {{range}}");
    }
    return new LoopControl(word.equals("break"), a.line());
  }

  /**
   * A block that ends without its {{end}}: at the end of the text Go reports "unexpected EOF"
   * there; the engine adds where the block began.
   */
  private TemplateException unclosed(Action stop, Action start, String keyword) {
    if (stop == null) {
      return new TemplateException(
          file,
          endLine,
          "unexpected EOF: the {{" + keyword + "}} at line " + start.line() + " has no {{end}}");
    }
    return error(stop, "expected end; found {{" + stop.tokens().get(0).text() + "}}");
  }

  private void requireAlone(Action a) throws TemplateException {
    if (a.tokens().size() > 1) {
      throw error(
          a, "unexpected \"" + a.tokens().get(1).text() + "\" in " + a.tokens().get(0).text());
    }
  }

  private void truncate(int mark) {
    while (variables.size() > mark) {
      variables.remove(variables.size() - 1);
    }
  }

  private static boolean isWord(Action a, int i, String word) {
    Token t = a.tokens().size() > i ? a.tokens().get(i) : null;
    return t != null && t.kind() == Kind.IDENTIFIER && t.text().equals(word);
  }

  /**
   * The pipeline of an action from token {@code from}; {@code range} allows two variables; {@code
   * context} ("if", "range", "command", ...) names what lacks a value when there is none.
   */
  private Pipeline pipeline(Action a, int from, boolean range, String context)
      throws TemplateException {
    TokenCursor c = new TokenCursor(a, from);
    List<String> declared = new ArrayList<>();
    boolean assign = false;
    if (c.is(Kind.VARIABLE)
        && (c.isAt(1, Kind.DECLARE) || c.isAt(1, Kind.ASSIGN) || c.isAt(1, Kind.COMMA))) {
      declared.add(c.next().text());
      if (c.is(Kind.COMMA)) {
        if (!range) {
          throw error(a, "too many declarations in command");
        }
        c.next();
        if (!c.is(Kind.VARIABLE)) {
          throw error(a, "expected a variable after the comma in range");
        }
        declared.add(c.next().text());
      }
      Token op = c.next();
      if (op == null || (op.kind() != Kind.DECLARE && op.kind() != Kind.ASSIGN)) {
        throw error(a, "expected := or = after " + declared);
      }
      assign = op.kind() == Kind.ASSIGN;
      if (assign && declared.size() > 1) {
        throw error(a, "range can only declare variables with :=, not assign them");
      }
    }
    if (c.done()) {
      throw error(a, "missing value for " + context);
    }
    List<TemplateNode.Command> commands = commands(c, false);
    if (assign) {
      for (String v : declared) {
        if (!variables.contains(v)) {
          throw error(a, "undefined variable \"" + v + "\"");
        }
      }
    } else {
      variables.addAll(declared);
    }
    return new Pipeline(declared, assign, commands, a.line());
  }

  private List<TemplateNode.Command> commands(TokenCursor c, boolean nested)
      throws TemplateException {
    List<TemplateNode.Command> commands = new ArrayList<>();
    while (true) {
      List<TemplateNode.Expr> operands = new ArrayList<>();
      int line = c.line();
      while (!c.done() && !c.is(Kind.PIPE) && !c.is(Kind.RIGHT_PAREN)) {
        operands.add(new TemplateOperands(this, c).operand());
      }
      if (operands.isEmpty()) {
        throw error(c.action(), c.done() ? "missing value for command" : "missing value before |");
      }
      commands.add(new TemplateNode.Command(operands, line));
      if (c.is(Kind.PIPE)) {
        c.next();
        continue;
      }
      if (c.is(Kind.RIGHT_PAREN) && !nested) {
        throw error(c.action(), "unexpected right paren");
      }
      return commands;
    }
  }

  /** A parenthesized pipeline (called by the operand parser). */
  Pipeline subPipeline(TokenCursor c) throws TemplateException {
    List<TemplateNode.Command> commands = commands(c, true);
    if (!c.is(Kind.RIGHT_PAREN)) {
      throw error(c.action(), "unclosed left paren");
    }
    c.next();
    return new Pipeline(List.of(), false, commands, c.action().line());
  }

  void checkVariable(Action a, String name) throws TemplateException {
    if (!variables.contains(name)) {
      throw error(a, "undefined variable \"" + name + "\"");
    }
  }

  void checkFunction(Action a, String name) throws TemplateException {
    String problem = functions.undefined(name);
    if (problem != null) {
      throw error(a, problem);
    }
  }

  TemplateException error(Action a, String message) {
    return new TemplateException(file, a.line(), message);
  }

  /** Walks the tokens of one action. */
  static final class TokenCursor {
    private final Action action;
    private int i;

    TokenCursor(Action action, int from) {
      this.action = action;
      this.i = from;
    }

    Action action() {
      return action;
    }

    boolean done() {
      return i >= action.tokens().size();
    }

    boolean is(Kind k) {
      return isAt(0, k);
    }

    boolean isAt(int ahead, Kind k) {
      int j = i + ahead;
      return j < action.tokens().size() && action.tokens().get(j).kind() == k;
    }

    /** Whether the next token is a field glued to what came before (a chain). */
    boolean chained() {
      return is(Kind.FIELD) && !action.tokens().get(i).spaced();
    }

    Token next() {
      return done() ? null : action.tokens().get(i++);
    }

    /** The line of the next token (of the action's last one at its end). */
    int line() {
      List<Token> t = action.tokens();
      return t.get(Math.min(i, t.size() - 1)).line();
    }
  }
}
