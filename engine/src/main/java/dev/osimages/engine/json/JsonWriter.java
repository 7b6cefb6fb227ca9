package dev.osimages.engine.json;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleFunction;

/**
 * The engine's one JSON writer, for plain data: maps (keys as strings), collections, strings,
 * numbers, booleans and null; anything else is written as its string. Two styles: {@link #ordered}
 * keeps a map's own order (the engine's files and reports, stable with ordered maps) and can
 * indent; {@link #go} writes as Go's encoding/json does (goss's JSON output): map keys sorted, no
 * spaces, U+2028/U+2029 escaped, optionally {@code < > &} too (json.Marshal does it; goss's pretty
 * printer turns it off), and numbers in Go's spelling.
 */
public final class JsonWriter {
  private final int indent;
  private final boolean sortKeys;
  private final boolean escapeHtml;
  private final boolean escapeLineSeparators;
  private final DoubleFunction<String> doubles;

  private JsonWriter(
      int indent,
      boolean sortKeys,
      boolean escapeHtml,
      boolean escapeLineSeparators,
      DoubleFunction<String> doubles) {
    this.indent = indent;
    this.sortKeys = sortKeys;
    this.escapeHtml = escapeHtml;
    this.escapeLineSeparators = escapeLineSeparators;
    this.doubles = doubles;
  }

  /** Map order kept; {@code indent} spaces a level, or compact (one line) when negative. */
  public static JsonWriter ordered(int indent) {
    return new JsonWriter(indent, false, false, false, Double::toString);
  }

  /** As Go's encoding/json: compact, keys sorted, doubles spelled by {@code doubles}. */
  public static JsonWriter go(boolean escapeHtml, DoubleFunction<String> doubles) {
    return new JsonWriter(-1, true, escapeHtml, true, doubles);
  }

  /** {@code value} as JSON; indented output ends with a newline. */
  public String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, 0);
    return indent >= 0 ? b.append('\n').toString() : b.toString();
  }

  private void write(StringBuilder b, Object v, int depth) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s);
    } else if (v instanceof Double d) {
      b.append(doubles.apply(d));
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      int i = 0;
      for (Map.Entry<?, ?> e : (sortKeys ? sorted(m) : m).entrySet()) {
        b.append(i++ == 0 ? "" : ",");
        newline(b, depth + 1);
        string(b, String.valueOf(e.getKey()));
        b.append(indent < 0 ? ":" : ": ");
        write(b, e.getValue(), depth + 1);
      }
      if (!m.isEmpty()) {
        newline(b, depth);
      }
      b.append('}');
    } else if (v instanceof Collection<?> c) {
      b.append('[');
      int i = 0;
      for (Object o : c) {
        b.append(i++ == 0 ? "" : ",");
        newline(b, depth + 1);
        write(b, o, depth + 1);
      }
      if (!c.isEmpty()) {
        newline(b, depth);
      }
      b.append(']');
    } else {
      string(b, v.toString());
    }
  }

  private void newline(StringBuilder b, int depth) {
    if (indent >= 0) {
      b.append('\n').append(" ".repeat(indent * depth));
    }
  }

  private static Map<String, ?> sorted(Map<?, ?> m) {
    Map<String, Object> t = new TreeMap<>();
    m.forEach((k, v) -> t.put(String.valueOf(k), v));
    return t;
  }

  private void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20
              || (escapeHtml && (c == '<' || c == '>' || c == '&'))
              || (escapeLineSeparators && (c == '\u2028' || c == '\u2029'))) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
