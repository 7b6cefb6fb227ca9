package dev.osimages.engine.push;

import dev.osimages.engine.host.Digests;
import dev.osimages.engine.registry.BlobCache;
import dev.osimages.engine.registry.CanonicalJson;
import dev.osimages.engine.registry.Content;
import dev.osimages.engine.registry.Descriptor;
import dev.osimages.engine.registry.ImageRef;
import dev.osimages.engine.registry.MediaTypes;
import dev.osimages.engine.registry.RegistryClient;
import dev.osimages.engine.registry.RegistryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Makes a cosign signature or attestation image ({@link CosignLayout}) under its tag hold the given
 * layers: the layers already there are kept (other signers' signatures, earlier attestations), the
 * missing ones appended, as {@code cosign sign} and {@code cosign attest} do. Signatures are
 * deterministic, so a layer already pushed has the same digest and nothing is sent again.
 */
final class CosignSideImage {
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";
  private final RegistryClient registry;
  private final BlobCache blobs;

  CosignSideImage(RegistryClient registry, BlobCache blobs) {
    this.registry = registry;
    this.blobs = blobs;
  }

  /**
   * Ensures {@code tag} in {@code repo} lists {@code layers}; returns the bytes sent (0: they were
   * all there).
   */
  long ensure(ImageRef repo, String tag, List<CosignLayout.Layer> layers) {
    ImageRef ref = repo.withTag(tag);
    List<JSONObject> present = existingLayers(ref);
    List<Map<String, Object>> all = new ArrayList<>();
    present.forEach(l -> all.add(l.toMap()));
    long sent = 0;
    for (CosignLayout.Layer l : layers) {
      String digest = "sha256:" + Digests.ofBytes(l.bytes());
      if (present.stream().anyMatch(p -> p.optString("digest").equals(digest))) {
        continue;
      }
      Descriptor d = Descriptor.of(l.mediaType(), digest, l.bytes().length);
      registry.pushBlob(
          repo, d, blobs.store(Content.of(l.mediaType(), l.bytes())), Optional.empty(), n -> {});
      sent += l.bytes().length;
      Map<String, Object> desc = new LinkedHashMap<>();
      desc.put("mediaType", l.mediaType());
      desc.put("digest", digest);
      desc.put("size", l.bytes().length);
      desc.put("annotations", l.annotations());
      all.add(desc);
    }
    if (sent == 0) {
      return 0;
    }
    Content config = Content.of(MediaTypes.OCI_CONFIG, config(all));
    registry.pushBlob(repo, config.descriptor(), blobs.store(config), Optional.empty(), n -> {});
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.put(
        "config",
        Map.of(
            "mediaType",
            MediaTypes.OCI_CONFIG,
            "digest",
            config.digest(),
            "size",
            config.bytes().length));
    manifest.put("layers", all);
    registry.pushManifest(ref, Content.of(MediaTypes.OCI_MANIFEST, CanonicalJson.bytes(manifest)));
    return sent + config.bytes().length;
  }

  /** The layer descriptors of the image under {@code ref}; none when the tag does not exist. */
  private List<JSONObject> existingLayers(ImageRef ref) {
    Content c;
    try {
      c = registry.manifest(ref);
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return List.of();
      }
      throw e;
    }
    JSONArray layers =
        new JSONObject(new String(c.bytes(), StandardCharsets.UTF_8)).optJSONArray("layers");
    List<JSONObject> out = new ArrayList<>();
    for (int i = 0; layers != null && i < layers.length(); i++) {
      out.add(layers.getJSONObject(i));
    }
    return out;
  }

  /**
   * The config of a signature image as cosign's (an empty image with the layers appended): no
   * platform, zero times, the layers' digests as diff ids (they are not compressed).
   */
  private static byte[] config(List<Map<String, Object>> layers) {
    List<Object> diffIds = new ArrayList<>();
    List<Object> history = new ArrayList<>();
    for (Map<String, Object> l : layers) {
      diffIds.add(l.get("digest"));
      history.add(Map.of("created", ZERO_TIME));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("architecture", "");
    doc.put("config", Map.of());
    doc.put("created", ZERO_TIME);
    doc.put("history", history);
    doc.put("os", "");
    doc.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
    return CanonicalJson.bytes(doc);
  }
}
