package dev.osimages.engine.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.json.JSONObject;

/**
 * JSON with sorted keys and no whitespace, so the same content always has the same bytes and so the
 * same digest: what configs and manifests the engine writes need to push nothing twice.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** {@code value} (maps, lists, strings, numbers, booleans, null) as canonical UTF-8 bytes. */
  public static byte[] bytes(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value);
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder b, Object v) {
    if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
        b.append(first ? "" : ",").append(JSONObject.quote(e.getKey().toString())).append(':');
        write(b, e.getValue());
        first = false;
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        b.append(i == 0 ? "" : ",");
        write(b, l.get(i));
      }
      b.append(']');
    } else if (v == null) {
      b.append("null");
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else {
      b.append(JSONObject.quote(String.valueOf(v)));
    }
  }
}
