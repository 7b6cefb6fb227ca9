package dev.osimages.engine.declaration;

import org.json.JSONArray;
import org.json.JSONObject;

/** Converts the loaded YAML tree into org.json values, the form everit validates. */
final class JsonTrees {
  private JsonTrees() {}

  /**
   * The JSON value of a node: JSONObject, JSONArray, String, Boolean, Number or JSONObject.NULL.
   */
  static Object toJson(YamlValue value) {
    if (value instanceof YamlValue.Mapping m) {
      JSONObject obj = new JSONObject();
      for (YamlValue.Entry e : m.entries()) {
        obj.put(e.key(), toJson(e.value()));
      }
      return obj;
    }
    if (value instanceof YamlValue.Sequence s) {
      JSONArray arr = new JSONArray();
      for (YamlValue item : s.items()) {
        arr.put(toJson(item));
      }
      return arr;
    }
    Object v = ((YamlValue.Scalar) value).value();
    return v == null ? JSONObject.NULL : v;
  }
}
