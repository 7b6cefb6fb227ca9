package dev.osimages.engine.declaration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Looks up the raw schema JSON that applies at a path of the declaration, for wording messages.
 * everit reports a violation against the schema that held the {@code $ref}, not the one violated,
 * so enum values, bounds and the {@code x-expected} wording of patterns are read here instead.
 */
final class SchemaIndex {
  private final JSONObject root;
  private final Map<String, String> expectedByPattern = new HashMap<>();

  SchemaIndex(JSONObject root) {
    this.root = root;
    collectPatterns(root);
  }

  /** The subschema describing the value at {@code path}, or null when the schema does not say. */
  JSONObject at(NodePath path) {
    JSONObject schema = resolve(root);
    for (Object seg : path.segments()) {
      if (schema == null) {
        return null;
      }
      if (seg instanceof Integer) {
        schema = resolve(schema.optJSONObject("items"));
      } else {
        JSONObject props = schema.optJSONObject("properties");
        JSONObject named = props == null ? null : props.optJSONObject((String) seg);
        schema = resolve(named != null ? named : schema.optJSONObject("additionalProperties"));
      }
    }
    return schema;
  }

  /** The keys the object schema at {@code path} declares, sorted; empty for maps of names. */
  List<String> propertyNames(NodePath path) {
    JSONObject schema = at(path);
    JSONObject props = schema == null ? null : schema.optJSONObject("properties");
    List<String> names = props == null ? new ArrayList<>() : new ArrayList<>(props.keySet());
    names.sort(null);
    return names;
  }

  /** The enum values allowed at {@code path}, in schema order; empty when none. */
  List<String> enumValues(NodePath path) {
    JSONObject schema = at(path);
    JSONArray values = schema == null ? null : schema.optJSONArray("enum");
    List<String> out = new ArrayList<>();
    if (values != null) {
      values.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  /** The schema's wording ({@code x-expected}) for a pattern, or null. */
  String expectedFor(String pattern) {
    return expectedByPattern.get(pattern);
  }

  private JSONObject resolve(JSONObject schema) {
    int guard = 0;
    while (schema != null && schema.has("$ref") && guard++ < 16) {
      String ref = schema.getString("$ref");
      schema = (JSONObject) root.query(ref.substring(1));
    }
    return schema;
  }

  private void collectPatterns(Object node) {
    if (node instanceof JSONObject obj) {
      if (obj.has("pattern") && obj.has("x-expected")) {
        expectedByPattern.put(obj.getString("pattern"), obj.getString("x-expected"));
      }
      for (String key : obj.keySet()) {
        collectPatterns(obj.get(key));
      }
    } else if (node instanceof JSONArray arr) {
      arr.forEach(this::collectPatterns);
    }
  }
}
