package dev.osimages.engine.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The referrers tag schema of the OCI distribution spec, for registries without the referrers API
 * (distribution 2.8): the manifests referring to {@code sha256:<hex>} are listed in an image index
 * tagged {@code sha256-<hex>} in the same repository, which the client that pushes a referrer
 * updates (read, add, write back).
 */
final class ReferrersTag {
  private final OrasRegistryClient client;
  private final RegistryHttp http;

  ReferrersTag(OrasRegistryClient client, RegistryHttp http) {
    this.client = client;
    this.http = http;
  }

  static String tagOf(String digest) {
    return digest.replace(':', '-');
  }

  /** The referrers listed under the subject's fallback tag; empty when there is none. */
  List<Descriptor> list(ImageRef subject) {
    ImageRef tag = subject.withTag(tagOf(subject.digest().orElseThrow()));
    var r =
        http.get(
            tag,
            http.uri(tag, "/manifests/" + tag.reference()),
            Map.of("Accept", MediaTypes.OCI_INDEX));
    if (r.status() == 404) {
      return List.of();
    }
    if (r.status() != 200) {
      throw http.failure(tag, "referrers index", r);
    }
    return OrasRegistryClient.manifestsOf(tag, r.body());
  }

  /** Adds {@code referrer} to the fallback index of {@code subject}, pushed to {@code repo}. */
  void add(ImageRef repo, Descriptor subject, Descriptor referrer) {
    ImageRef subjectRef = repo.withDigest(subject.digest());
    List<Descriptor> now = new ArrayList<>(list(subjectRef));
    if (now.stream().anyMatch(d -> d.digest().equals(referrer.digest()))) {
      return;
    }
    now.add(referrer);
    JSONArray ms = new JSONArray();
    now.forEach(d -> ms.put(d.toJson()));
    JSONObject index =
        new JSONObject()
            .put("schemaVersion", 2)
            .put("mediaType", MediaTypes.OCI_INDEX)
            .put("manifests", ms);
    Content c = Content.of(MediaTypes.OCI_INDEX, index.toString().getBytes(StandardCharsets.UTF_8));
    client.pushManifest(repo.withTag(tagOf(subject.digest())), c);
  }
}
