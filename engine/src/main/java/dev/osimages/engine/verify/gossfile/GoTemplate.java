package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.gossfile.TemplateNode.Command;
import dev.osimages.engine.verify.gossfile.TemplateNode.Expr;
import dev.osimages.engine.verify.gossfile.TemplateNode.Pipeline;
import dev.osimages.engine.verify.matcher.GoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a goss file as Go's text/template does with {@code missingkey=error} and goss's function
 * map (Go's builtins, Sprig, goss's own). The data is a map with "Env" and "Vars"; values are the
 * plain Java data YAML loading produces.
 */
final class GoTemplate {
  private final String file;
  private final Map<String, Object> root;
  private final TemplateFunctions functions;
  private final List<String> names = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  private GoTemplate(String file, Map<String, Object> root, TemplateFunctions functions) {
    this.file = file;
    this.root = root;
    this.functions = functions;
  }

  /** Renders with goss's functions over this data's .Env and no image files (tests). */
  static String render(String file, String text, Map<String, Object> data)
      throws TemplateException {
    @SuppressWarnings("unchecked")
    Map<String, String> env = (Map<String, String>) data.getOrDefault("Env", Map.of());
    return render(file, text, data, TemplateFunctions.goss(env, ImageFiles.NONE));
  }

  /** Renders {@code text}; errors name file:line. */
  static String render(
      String file, String text, Map<String, Object> data, TemplateFunctions functions)
      throws TemplateException {
    List<TemplateNode> nodes = new TemplateParser(file, text, functions).parse();
    StringBuilder out = new StringBuilder(text.length());
    GoTemplate t = new GoTemplate(file, data, functions);
    t.declare("$", data);
    t.run(nodes, data, out);
    return out.toString();
  }

  /** Thrown by {{break}} and {{continue}}; caught by the innermost range. */
  private static final class LoopSignal extends RuntimeException {
    final boolean isBreak;

    LoopSignal(boolean isBreak) {
      super(null, null, false, false);
      this.isBreak = isBreak;
    }
  }

  private void run(List<TemplateNode> nodes, Object dot, StringBuilder out)
      throws TemplateException {
    for (TemplateNode n : nodes) {
      if (n instanceof TemplateNode.Text t) {
        out.append(t.text());
      } else if (n instanceof TemplateNode.Output o) {
        Object v = pipeline(o.pipeline(), dot);
        if (o.pipeline().variables().isEmpty()) {
          out.append(v == null ? "<no value>" : GoValues.format(v));
        }
      } else if (n instanceof TemplateNode.Conditional c) {
        int mark = names.size();
        Object v = pipeline(c.condition(), dot);
        if (truth(v)) {
          run(c.body(), c.with() ? v : dot, out);
        } else {
          run(c.orElse(), dot, out);
        }
        pop(mark);
      } else if (n instanceof TemplateNode.Range r) {
        new RangeLoop(r).run(dot, out);
      } else if (n instanceof TemplateNode.LoopControl l) {
        throw new LoopSignal(l.isBreak());
      }
    }
  }

  /** One {{range}}: its elements, the loop variables, break and continue. */
  private final class RangeLoop {
    private final TemplateNode.Range r;

    RangeLoop(TemplateNode.Range r) {
      this.r = r;
    }

    void run(Object dot, StringBuilder out) throws TemplateException {
      Pipeline p = r.pipeline();
      Pipeline plain = new Pipeline(List.of(), false, p.commands(), p.line());
      Object over = pipeline(plain, dot);
      List<Object[]> pairs = elements(over, p.line());
      if (pairs.isEmpty()) {
        GoTemplate.this.run(r.orElse(), dot, out);
        return;
      }
      int mark = names.size();
      for (Object[] kv : pairs) {
        pop(mark);
        if (p.variables().size() == 1) {
          declare(p.variables().get(0), kv[1]);
        } else if (p.variables().size() == 2) {
          declare(p.variables().get(0), kv[0]);
          declare(p.variables().get(1), kv[1]);
        }
        try {
          GoTemplate.this.run(r.body(), kv[1], out);
        } catch (LoopSignal s) {
          if (s.isBreak) {
            break;
          }
        }
      }
      pop(mark);
    }

    /** (key or index, element) pairs; maps in sorted key order, integers as 0..n-1 (Go 1.22). */
    private List<Object[]> elements(Object over, int line) throws TemplateException {
      List<Object[]> out = new ArrayList<>();
      if (over instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          out.add(new Object[] {(long) i, l.get(i)});
        }
      } else if (over instanceof Map<?, ?> m) {
        new java.util.TreeMap<>(m).forEach((k, v) -> out.add(new Object[] {k, v}));
      } else if (over instanceof Long n) {
        for (long i = 0; i < n; i++) {
          out.add(new Object[] {i, i});
        }
      } else if (over != null) {
        // integers count from 0 as in goss's Go (1.22 and later); Go 1.19 refuses them too
        throw new TemplateException(
            file, line, "range can't iterate over " + GoValues.format(over));
      }
      return out;
    }
  }

  private Object pipeline(Pipeline p, Object dot) throws TemplateException {
    Object value = null;
    boolean piped = false;
    for (Command c : p.commands()) {
      value = command(c, dot, value, piped, c.line());
      piped = true;
    }
    for (String v : p.variables()) {
      if (p.assign()) {
        assign(v, value);
      } else {
        declare(v, value);
      }
    }
    return value;
  }

  private Object command(Command c, Object dot, Object last, boolean piped, int line)
      throws TemplateException {
    Expr head = c.operands().get(0);
    if (head instanceof TemplateNode.Function f) {
      return call(f.name(), c.operands().subList(1, c.operands().size()), dot, last, piped, line);
    }
    if (c.operands().size() > 1 || piped) {
      throw argumentsToNonFunction(head, dot, line);
    }
    if (head instanceof TemplateNode.Nil) {
      throw new TemplateException(file, line, "nil is not a command");
    }
    return operand(head, dot, line);
  }

  private Object call(
      String name, List<Expr> args, Object dot, Object last, boolean piped, int line)
      throws TemplateException {
    List<Expr> all = new ArrayList<>(args);
    if (name.equals("and") || name.equals("or")) {
      return andOr(name.equals("and"), all, dot, last, piped, line);
    }
    List<Object> values = new ArrayList<>();
    for (Expr a : all) {
      values.add(operand(a, dot, line));
    }
    if (piped) {
      values.add(last);
    }
    try {
      return functions.get(name).call(values);
    } catch (TemplateFunction.Arity e) {
      // Go checks the count before the call: no "error calling" then
      throw new TemplateException(
          file, line, "wrong number of args for " + name + ": " + e.getMessage());
    } catch (TemplateFunction.Failure e) {
      throw new TemplateException(file, line, "error calling " + name + ": " + e.getMessage());
    }
  }

  /** and / or evaluate their arguments only until the result is known (Go 1.18). */
  private Object andOr(
      boolean and, List<Expr> args, Object dot, Object last, boolean piped, int line)
      throws TemplateException {
    int n = args.size() + (piped ? 1 : 0);
    if (n == 0) {
      throw new TemplateException(
          file,
          line,
          "wrong number of args for " + (and ? "and" : "or") + ": want at least 1 got 0");
    }
    Object v = null;
    for (int i = 0; i < n; i++) {
      v = i < args.size() ? operand(args.get(i), dot, line) : last;
      if (truth(v) != and) {
        return v;
      }
    }
    return v;
  }

  private Object operand(Expr e, Object dot, int line) throws TemplateException {
    if (e instanceof TemplateNode.Literal l) {
      return l.value();
    }
    if (e instanceof TemplateNode.Nil) {
      return null;
    }
    if (e instanceof TemplateNode.Field f) {
      return field(dot, f.names(), line);
    }
    if (e instanceof TemplateNode.Variable v) {
      return field(lookup(v.name(), line), v.names(), line);
    }
    if (e instanceof TemplateNode.Function f) {
      return call(f.name(), List.of(), dot, null, false, line);
    }
    TemplateNode.Sub s = (TemplateNode.Sub) e;
    return field(pipeline(s.pipeline(), dot), s.names(), line);
  }

  private Object field(Object start, List<String> chain, int line) throws TemplateException {
    Object v = start;
    for (String name : chain) {
      if (v == null) {
        throw new TemplateException(file, line, "nil pointer evaluating interface {}." + name);
      }
      if (!(v instanceof Map<?, ?> m)) {
        // The data is YAML's, so every value below the root is a Go interface{}.
        throw new TemplateException(
            file, line, "can't evaluate field " + name + " in type interface {}");
      }
      if (!m.containsKey(name)) {
        throw new TemplateException(file, line, "map has no entry for key \"" + name + "\"");
      }
      v = m.get(name);
    }
    return v;
  }

  private void declare(String name, Object value) {
    names.add(name);
    values.add(value);
  }

  private void assign(String name, Object value) {
    values.set(names.lastIndexOf(name), value);
  }

  private Object lookup(String name, int line) throws TemplateException {
    int i = names.lastIndexOf(name);
    if (i < 0) {
      throw new TemplateException(file, line, "undefined variable: " + name);
    }
    return values.get(i);
  }

  private void pop(int mark) {
    while (names.size() > mark) {
      names.remove(names.size() - 1);
      values.remove(values.size() - 1);
    }
  }

  /**
   * Arguments given to an operand that is no function. As Go: the last field of a chain that
   * reaches a map "is not a method but has arguments" (checked before that key is looked up);
   * anything else "can't give argument to non-function".
   */
  private TemplateException argumentsToNonFunction(Expr head, Object dot, int line)
      throws TemplateException {
    List<String> chain = List.of();
    Object receiver = null;
    if (head instanceof TemplateNode.Field f && !f.names().isEmpty()) {
      chain = f.names();
      receiver = dot;
    } else if (head instanceof TemplateNode.Variable v && !v.names().isEmpty()) {
      chain = v.names();
      receiver = lookup(v.name(), line);
    } else if (head instanceof TemplateNode.Sub s && !s.names().isEmpty()) {
      chain = s.names();
      receiver = pipeline(s.pipeline(), dot);
    }
    if (chain.isEmpty()) {
      return new TemplateException(file, line, "can't give argument to non-function " + show(head));
    }
    String last = chain.get(chain.size() - 1);
    Object owner = field(receiver, chain.subList(0, chain.size() - 1), line);
    if (owner instanceof Map) {
      return new TemplateException(file, line, last + " is not a method but has arguments");
    }
    field(owner, List.of(last), line); // throws Go's error for a nil or a non-map
    return new TemplateException(file, line, "can't give argument to non-function " + show(head));
  }

  private static String show(Expr e) {
    if (e instanceof TemplateNode.Field f) {
      return f.names().isEmpty() ? "." : "." + String.join(".", f.names());
    }
    if (e instanceof TemplateNode.Variable v) {
      return v.name() + (v.names().isEmpty() ? "" : "." + String.join(".", v.names()));
    }
    if (e instanceof TemplateNode.Literal l) {
      return GoValues.format(l.value());
    }
    return "(pipeline)";
  }

  /** Go's truth: false, 0, nil and empty strings, lists and maps are false. */
  static boolean truth(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }
}
