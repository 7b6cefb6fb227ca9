package dev.osimages.engine.verify.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes plain data as Go's encoding/json does: map keys sorted, no spaces, and optionally
 * HTML-escaping of &lt; &gt; &amp; (json.Marshal does it; goss's pretty printer turns it off).
 */
final class GoJson {
  private GoJson() {}

  static String write(Object v, boolean escapeHtml) {
    StringBuilder b = new StringBuilder();
    write(b, v, escapeHtml);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v, boolean html) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s, html);
    } else if (v instanceof Double d) {
      b.append(dev.osimages.engine.verify.matcher.GoValues.jsonFloat(d));
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        write(b, l.get(i), html);
      }
      b.append(']');
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<String, ?> e : sorted(m).entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        string(b, e.getKey(), html);
        b.append(':');
        write(b, e.getValue(), html);
      }
      b.append('}');
    } else {
      string(b, v.toString(), html);
    }
  }

  private static Map<String, ?> sorted(Map<?, ?> m) {
    Map<String, Object> t = new TreeMap<>();
    m.forEach((k, v) -> t.put(String.valueOf(k), v));
    return t;
  }

  private static void string(StringBuilder b, String s, boolean html) {
    b.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20
              || (html && (c == '<' || c == '>' || c == '&'))
              || c == '\u2028'
              || c == '\u2029') {
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
