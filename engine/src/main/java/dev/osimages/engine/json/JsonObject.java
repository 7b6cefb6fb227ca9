package dev.osimages.engine.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * A JSON object read from text, with typed access to its members. It wraps org.json so that no
 * org.json type leaves this package; every parse or type error is a {@link MalformedJsonException}
 * carrying org.json's message (which says where).
 */
public final class JsonObject {
  private final JSONObject object;

  private JsonObject(JSONObject object) {
    this.object = object;
  }

  /** Parses {@code text}, which must be one JSON object. */
  public static JsonObject parse(String text) {
    return read(() -> new JsonObject(new JSONObject(text)));
  }

  /** Whether the object has a member {@code key}. */
  public boolean has(String key) {
    return object.has(key);
  }

  /** The string member {@code key}; an error when it is absent or not a string. */
  public String string(String key) {
    return read(() -> object.getString(key));
  }

  /** The member {@code key} if it is a string, else {@code fallback}. */
  public String string(String key, String fallback) {
    return object.optString(key, fallback);
  }

  /** The member {@code key} if it is a whole number. */
  public java.util.OptionalLong longValue(String key) {
    Object v = object.opt(key);
    return v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)
        ? java.util.OptionalLong.of(n.longValue())
        : java.util.OptionalLong.empty();
  }

  /** The member names, in no particular order. */
  public java.util.Set<String> keys() {
    return java.util.Set.copyOf(object.keySet());
  }

  /** The number member {@code key} as a long; an error when it is absent or not a number. */
  public long integer(String key) {
    return read(() -> object.getLong(key));
  }

  /** The number member {@code key} as a double; an error when it is absent or not a number. */
  public double decimal(String key) {
    return read(() -> object.getDouble(key));
  }

  /** The member {@code key}, an array of strings; empty when it is absent. */
  public List<String> strings(String key) {
    return read(
        () -> {
          JSONArray array = object.optJSONArray(key);
          List<String> out = new ArrayList<>();
          for (int i = 0; array != null && i < array.length(); i++) {
            out.add(array.getString(i));
          }
          return out;
        });
  }

  /** The member {@code key} if it is a boolean, else {@code fallback}. */
  public boolean bool(String key, boolean fallback) {
    return object.optBoolean(key, fallback);
  }

  /** The member {@code key} if it is an object. */
  public Optional<JsonObject> object(String key) {
    return Optional.ofNullable(object.optJSONObject(key)).map(JsonObject::new);
  }

  /** The member {@code key}, which must be an array of objects. */
  public List<JsonObject> objects(String key) {
    return read(
        () -> {
          JSONArray array = object.getJSONArray(key);
          List<JsonObject> out = new ArrayList<>(array.length());
          for (int i = 0; i < array.length(); i++) {
            out.add(new JsonObject(array.getJSONObject(i)));
          }
          return out;
        });
  }

  /**
   * Compact JSON of this object as org.json writes it (member order is not the text's). Stable for
   * one library version, which is all its use as a cache key needs.
   */
  @Override
  public String toString() {
    return object.toString();
  }

  private static <T> T read(Supplier<T> read) {
    try {
      return read.get();
    } catch (JSONException e) {
      throw new MalformedJsonException(e.getMessage(), e);
    }
  }
}
