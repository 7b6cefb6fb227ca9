package dev.osimages.engine.push;

import dev.osimages.engine.registry.CanonicalJson;
import dev.osimages.engine.registry.Content;
import dev.osimages.engine.registry.Descriptor;
import dev.osimages.engine.registry.MediaTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI config and manifest of a pushed set, in canonical JSON: the same set with the same
 * metadata always gives the same bytes, hence the same digests (a second push finds them there).
 */
final class ImageDocuments {
  private ImageDocuments() {}

  /**
   * The image config: platform, the declaration's labels and environment, the one layer's diff id,
   * and the set's creation time (not the push's, to stay reproducible).
   */
  static Content config(
      String platform,
      Map<String, String> labels,
      List<String> env,
      String diffId,
      String created) {
    String[] p = platform.split("/");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("Env", env);
    config.put("Labels", labels);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("os", p[0]);
    doc.put("architecture", p[1]);
    if (p.length > 2) {
      doc.put("variant", p[2]);
    }
    doc.put("created", created);
    doc.put("config", config);
    doc.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId)));
    doc.put(
        "history",
        List.of(
            Map.of("created", created, "created_by", "osimages engine: exported root filesystem")));
    return Content.of(MediaTypes.OCI_CONFIG, CanonicalJson.bytes(doc));
  }

  /** The image manifest: the config, the one layer, and {@code annotations}. */
  static Content manifest(Descriptor config, Descriptor layer, Map<String, String> annotations) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", 2);
    doc.put("mediaType", MediaTypes.OCI_MANIFEST);
    doc.put("config", descriptor(config));
    doc.put("layers", List.of(descriptor(layer)));
    doc.put("annotations", annotations);
    return Content.of(MediaTypes.OCI_MANIFEST, CanonicalJson.bytes(doc));
  }

  private static Map<String, Object> descriptor(Descriptor d) {
    return Map.of("mediaType", d.mediaType(), "digest", d.digest(), "size", d.size());
  }
}
