package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.gossfile.TemplateNode.Call;
import dev.osimages.engine.verify.gossfile.TemplateNode.Expr;
import dev.osimages.engine.verify.gossfile.TemplateNode.Field;
import dev.osimages.engine.verify.gossfile.TemplateNode.Literal;
import dev.osimages.engine.verify.matcher.GoValues;
import java.util.List;
import java.util.Map;

/**
 * Renders a goss file as Go's text/template would with {@code missingkey=error}, for the subset
 * {@link TemplateParser} accepts. The data is a map with "Env" and "Vars".
 */
final class GoTemplate {
  private final String file;
  private final Map<String, Object> root;

  private GoTemplate(String file, Map<String, Object> root) {
    this.file = file;
    this.root = root;
  }

  /** Renders {@code text}; errors name file:line. */
  static String render(String file, String text, Map<String, Object> data)
      throws TemplateException {
    List<TemplateNode> nodes = new TemplateParser(file, text).parse();
    StringBuilder out = new StringBuilder(text.length());
    new GoTemplate(file, data).run(nodes, data, out);
    return out.toString();
  }

  private void run(List<TemplateNode> nodes, Object dot, StringBuilder out)
      throws TemplateException {
    for (TemplateNode n : nodes) {
      if (n instanceof TemplateNode.Text t) {
        out.append(t.text());
      } else if (n instanceof TemplateNode.Output o) {
        Object v = eval(o.expr(), dot);
        out.append(v == null ? "<no value>" : GoValues.format(v));
      } else if (n instanceof TemplateNode.If i) {
        runIf(i, dot, out);
      } else if (n instanceof TemplateNode.Range r) {
        runRange(r, dot, out);
      }
    }
  }

  private void runIf(TemplateNode.If i, Object dot, StringBuilder out) throws TemplateException {
    for (int k = 0; k < i.conditions().size(); k++) {
      if (truth(eval(i.conditions().get(k), dot))) {
        run(i.bodies().get(k), dot, out);
        return;
      }
    }
    run(i.orElse(), dot, out);
  }

  private void runRange(TemplateNode.Range r, Object dot, StringBuilder out)
      throws TemplateException {
    Object over = eval(r.over(), dot);
    List<?> elements;
    if (over instanceof List<?> l) {
      elements = l;
    } else if (over instanceof Map<?, ?> m) {
      elements = new java.util.TreeMap<>(m).values().stream().toList(); // Go ranges keys sorted
    } else if (over == null) {
      elements = List.of();
    } else {
      throw new TemplateException(
          file, r.line(), "range can't iterate over " + GoValues.format(over));
    }
    if (elements.isEmpty()) {
      run(r.orElse(), dot, out);
    }
    for (Object e : elements) {
      run(r.body(), e, out);
    }
  }

  private Object eval(Expr e, Object dot) throws TemplateException {
    if (e instanceof Literal l) {
      return l.value();
    }
    if (e instanceof Field f) {
      return field(f, f.fromRoot() ? root : dot);
    }
    Call c = (Call) e;
    return call(c, dot);
  }

  private Object field(Field f, Object start) throws TemplateException {
    Object v = start;
    for (String name : f.names()) {
      // The data is YAML's, so every value below the root is a Go interface{}.
      if (v == null) {
        throw new TemplateException(file, f.line(), "nil pointer evaluating interface {}." + name);
      }
      if (!(v instanceof Map<?, ?> m)) {
        throw new TemplateException(
            file, f.line(), "can't evaluate field " + name + " in type interface {}");
      }
      if (!m.containsKey(name)) {
        throw new TemplateException(file, f.line(), "map has no entry for key \"" + name + "\"");
      }
      v = m.get(name);
    }
    return v;
  }

  private Object call(Call c, Object dot) throws TemplateException {
    List<Expr> args = c.args();
    switch (c.function()) {
      case "not" -> {
        arity(c, 1, 1);
        return !truth(eval(args.get(0), dot));
      }
      case "and", "or" -> {
        arity(c, 1, Integer.MAX_VALUE);
        boolean and = c.function().equals("and");
        Object v = null;
        for (Expr a : args) {
          v = eval(a, dot);
          if (truth(v) != and) {
            return v; // Go returns the first falsy (and) or truthy (or) argument
          }
        }
        return v;
      }
      default -> {
        boolean ne = c.function().equals("ne");
        arity(c, ne ? 2 : 1, ne ? 2 : Integer.MAX_VALUE);
        if (args.size() == 1) {
          throw new TemplateException(
              file,
              c.line(),
              "error calling " + c.function() + ": missing argument for comparison");
        }
        Object first = eval(args.get(0), dot);
        boolean any = false;
        for (Expr a : args.subList(1, args.size())) {
          any |= TemplateComparison.equal(file, c.line(), first, eval(a, dot));
        }
        return c.function().equals("eq") == any;
      }
    }
  }

  private void arity(Call c, int min, int max) throws TemplateException {
    int n = c.args().size();
    if (n < min || n > max) {
      String want = min == max ? "want " + min : "want at least " + min;
      throw new TemplateException(
          file, c.line(), "wrong number of args for " + c.function() + ": " + want + " got " + n);
    }
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
