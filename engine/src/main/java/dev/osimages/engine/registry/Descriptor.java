package dev.osimages.engine.registry;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.json.JSONObject;

/**
 * An OCI content descriptor: what a manifest, index or referrers list says about one piece of
 * content. {@code platform} is {@code os/architecture[/variant]} when the descriptor has one.
 */
public record Descriptor(
    String mediaType,
    String digest,
    long size,
    Optional<String> artifactType,
    Optional<String> platform,
    Map<String, String> annotations) {
  public Descriptor {
    annotations = new TreeMap<>(annotations);
  }

  /** A plain descriptor: no artifact type, platform or annotations. */
  public static Descriptor of(String mediaType, String digest, long size) {
    return new Descriptor(mediaType, digest, size, Optional.empty(), Optional.empty(), Map.of());
  }

  /** The descriptor a JSON object in a manifest or index holds. */
  public static Descriptor fromJson(JSONObject o) {
    JSONObject p = o.optJSONObject("platform");
    Optional<String> platform =
        p == null
            ? Optional.empty()
            : Optional.of(
                p.optString("os")
                    + "/"
                    + p.optString("architecture")
                    + (p.optString("variant").isEmpty() ? "" : "/" + p.optString("variant")));
    Map<String, String> ann = new TreeMap<>();
    JSONObject a = o.optJSONObject("annotations");
    if (a != null) {
      a.keySet().forEach(k -> ann.put(k, a.optString(k)));
    }
    String type = o.optString("artifactType", "");
    return new Descriptor(
        o.getString("mediaType"),
        o.getString("digest"),
        o.getLong("size"),
        type.isEmpty() ? Optional.empty() : Optional.of(type),
        platform,
        ann);
  }

  /** This descriptor as JSON, keys sorted (platform is not written back). */
  public JSONObject toJson() {
    JSONObject o = new JSONObject();
    o.put("mediaType", mediaType);
    o.put("digest", digest);
    o.put("size", size);
    artifactType.ifPresent(t -> o.put("artifactType", t));
    if (!annotations.isEmpty()) {
      o.put("annotations", new JSONObject(annotations));
    }
    return o;
  }
}
