package dev.osimages.engine.verify.gossfile;

import static dev.osimages.engine.verify.gossfile.FunctionArgs.count;

import dev.osimages.engine.verify.gossfile.TemplateFunction.Failure;
import dev.osimages.engine.verify.matcher.GoValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Go text/template's predefined functions: not, len, index, slice, print, printf, println, eq, ne,
 * lt, le, gt, ge, html, js, urlquery ({@code and}/{@code or} are evaluated lazily by the template
 * itself; {@code call} needs function values, which goss data never holds).
 */
final class GoBuiltins {
  private GoBuiltins() {}

  static void register(Map<String, TemplateFunction> f) {
    f.put(
        "not",
        a -> {
          count(a, 1, 1);
          return !GoTemplate.truth(a.get(0));
        });
    f.put("len", GoBuiltins::len);
    f.put("index", GoBuiltins::index);
    f.put("slice", GoBuiltins::slice);
    f.put("print", GoFormat::sprint);
    f.put("println", GoFormat::sprintln);
    f.put(
        "printf",
        a -> {
          count(a, 1, Integer.MAX_VALUE);
          return GoFormat.sprintf(FunctionArgs.string(a, 0), a.subList(1, a.size()));
        });
    f.put("eq", TemplateComparison::eq);
    f.put("ne", TemplateComparison::ne);
    for (String op : List.of("lt", "le", "gt", "ge")) {
      f.put(op, a -> TemplateComparison.order(op, a));
    }
    f.put("html", a -> html(GoFormat.sprint(a)));
    f.put("js", a -> js(GoFormat.sprint(a)));
    f.put("urlquery", a -> URLEncoder.encode(GoFormat.sprint(a), StandardCharsets.UTF_8));
    f.put(
        "call",
        a -> {
          throw new Failure("call needs a function value; goss's .Vars and .Env hold none");
        });
  }

  private static Object len(List<Object> a) throws Failure {
    count(a, 1, 1);
    Object v = a.get(0);
    if (v instanceof String s) {
      return (long) s.getBytes(StandardCharsets.UTF_8).length; // Go counts bytes
    }
    if (v instanceof List<?> l) {
      return (long) l.size();
    }
    if (v instanceof Map<?, ?> m) {
      return (long) m.size();
    }
    throw new Failure("len of type " + GoValues.typeName(v));
  }

  private static Object index(List<Object> a) throws Failure {
    count(a, 1, Integer.MAX_VALUE);
    Object v = a.get(0);
    for (Object key : a.subList(1, a.size())) {
      if (v instanceof List<?> l) {
        long i = position(key, l.size());
        v = l.get((int) i);
      } else if (v instanceof String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        v = (long) (bytes[(int) position(key, bytes.length)] & 0xff);
      } else if (v instanceof Map<?, ?> m) {
        if (!(key instanceof String)) {
          throw new Failure("value has type " + GoValues.typeName(key) + "; should be string");
        }
        v = m.get(key); // a missing key gives the zero value, as in Go
      } else if (v == null) {
        throw new Failure("index of untyped nil");
      } else {
        throw new Failure("can't index item of type " + GoValues.typeName(v));
      }
    }
    return v;
  }

  private static long position(Object key, int size) throws Failure {
    if (!(key instanceof Long || key instanceof Integer)) {
      throw new Failure("cannot index slice/array with type " + GoValues.typeName(key));
    }
    long i = ((Number) key).longValue();
    if (i < 0 || i >= size) {
      throw new Failure("index out of range: " + i);
    }
    return i;
  }

  private static Object slice(List<Object> a) throws Failure {
    count(a, 1, 4);
    Object v = a.get(0);
    int size = v instanceof List<?> l ? l.size() : v instanceof String s ? s.length() : -1;
    if (size < 0) {
      throw new Failure("can't slice item of type " + GoValues.typeName(v));
    }
    int from = a.size() > 1 ? (int) bound(a.get(1), size) : 0;
    int to = a.size() > 2 ? (int) bound(a.get(2), size) : size;
    if (from > to) {
      throw new Failure("invalid slice index: " + from + " > " + to);
    }
    if (v instanceof String s) {
      if (a.size() > 3) {
        throw new Failure("cannot 3-index slice a string");
      }
      return s.substring(from, to);
    }
    return List.copyOf(((List<?>) v).subList(from, to));
  }

  private static long bound(Object key, int size) throws Failure {
    if (!(key instanceof Long || key instanceof Integer)) {
      throw new Failure("cannot index slice/array with type " + GoValues.typeName(key));
    }
    long i = ((Number) key).longValue();
    if (i < 0 || i > size) {
      throw new Failure("index out of range: " + i);
    }
    return i;
  }

  static String html(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&#34;");
        case '\'' -> b.append("&#39;");
        case 0 -> b.append("\uFFFD");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String js(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\'' -> b.append("\\'");
        case '"' -> b.append("\\\"");
        case '<' -> b.append("\\u003C");
        case '>' -> b.append("\\u003E");
        case '&' -> b.append("\\u0026");
        case '=' -> b.append("\\u003D");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < ' ') {
            b.append(String.format("\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
