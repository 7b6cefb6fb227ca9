package dev.osimages.engine.declaration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns loaded nodes into plain Java values for the model (args, test vars). */
final class Values {
  private Values() {}

  /** An args mapping; the schema has checked that every value is a string. */
  static Map<String, String> args(YamlValue.Mapping m) {
    Map<String, String> out = new LinkedHashMap<>();
    for (YamlValue.Entry e : m.entries()) {
      out.put(e.key(), (String) plain(e.value()));
    }
    return out;
  }

  /**
   * Test vars: nested maps and lists as read, unmodifiable; a null at the top level would not fit
   * {@code Map.copyOf}, so it is kept as the empty string ({@code key:} with no value).
   */
  static Map<String, Object> vars(YamlValue.Mapping m) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (YamlValue.Entry e : m.entries()) {
      Object v = plain(e.value());
      out.put(e.key(), v == null ? "" : v);
    }
    return out;
  }

  /** A node as a plain value: Map, List, String, Long, Double, Boolean or null. */
  static Object plain(YamlValue node) {
    if (node instanceof YamlValue.Mapping m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (YamlValue.Entry e : m.entries()) {
        out.put(e.key(), plain(e.value()));
      }
      return Collections.unmodifiableMap(out);
    }
    if (node instanceof YamlValue.Sequence s) {
      List<Object> out = new ArrayList<>();
      for (YamlValue item : s.items()) {
        out.add(plain(item));
      }
      return Collections.unmodifiableList(out);
    }
    return ((YamlValue.Scalar) node).value();
  }
}
