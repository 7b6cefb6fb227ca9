package dev.osimages.engine.registry;

import dev.osimages.engine.ExitCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * {@link RegistryClient} over the ORAS Java SDK's HTTP client (token flow, TLS, redirects; see
 * {@link RegistryHttp}), with what the SDK lacks added here: manifests kept as the registry's bytes
 * and checked against the digest asked for, resumable and verified blob downloads ({@link
 * BlobDownload}), retries with back-off ({@link Retries}), per-registry CAs ({@link TrustAnchors}),
 * cross-repository mounts, and the referrers tag-schema fallback for registries without the OCI 1.1
 * referrers API.
 */
public final class OrasRegistryClient implements RegistryClient {
  /** Every manifest kind the engine reads, for the Accept header. */
  static final String MANIFEST_TYPES =
      String.join(
          ", ",
          MediaTypes.OCI_INDEX,
          MediaTypes.OCI_MANIFEST,
          MediaTypes.DOCKER_LIST,
          MediaTypes.DOCKER_MANIFEST);

  private final RegistriesConfig conf;
  private final CredentialStore credentials;
  private final TrustAnchors trust;
  private final Retries retries;
  private final Map<String, RegistryHttp> hosts = new ConcurrentHashMap<>();

  /** A client configured from {@code env} (registries.conf, credentials, certs.d). */
  public OrasRegistryClient(RegistryEnvironment env) {
    this(env, Retries.standard());
  }

  OrasRegistryClient(RegistryEnvironment env, Retries retries) {
    this.conf = RegistriesConfig.load(env);
    this.credentials = new CredentialStore(env);
    this.trust = new TrustAnchors(env.certsDirs());
    this.retries = retries;
  }

  /** For tests: retries after {@code firstWait}, doubling. */
  static OrasRegistryClient withRetryWait(RegistryEnvironment env, Duration firstWait) {
    return new OrasRegistryClient(env, new Retries(firstWait));
  }

  @Override
  public ShortNames shortNames() {
    return new ShortNames(conf);
  }

  RegistryHttp http(ImageRef ref) {
    if (conf.blocked(ref)) {
      throw new RegistryException(
          ref + ": " + ref.host() + " is blocked in registries.conf " + conf.files(),
          -1,
          ExitCode.INVALID,
          null);
    }
    return hosts.computeIfAbsent(
        ref.host(),
        h ->
            new RegistryHttp(
                h, conf.insecure(ref), trust.bundle(h), credentials.find(h, ref.name())));
  }

  @Override
  public Descriptor resolve(ImageRef ref) {
    return manifest(ref).descriptor();
  }

  @Override
  public Content manifest(ImageRef ref) {
    return retries.run(() -> fetchManifest(ref));
  }

  private Content fetchManifest(ImageRef ref) {
    RegistryHttp http = http(ref);
    var r =
        http.get(
            ref, http.uri(ref, "/manifests/" + ref.reference()), Map.of("Accept", MANIFEST_TYPES));
    if (r.status() != 200) {
      throw http.failure(ref, "manifest", r);
    }
    String type = r.header("content-type").orElse("").split(";")[0].strip();
    Content c = Content.of(type, r.body().getBytes(StandardCharsets.UTF_8));
    Optional<String> expected = ref.digest().or(() -> r.header("docker-content-digest"));
    if (expected.isPresent() && !expected.get().equals(c.digest())) {
      throw new RegistryException(
          ref + ": manifest digest mismatch: expected " + expected.get() + ", got " + c.digest(),
          -1);
    }
    return c;
  }

  @Override
  public void fetchBlob(ImageRef repo, Descriptor blob, Path target, LongConsumer progress) {
    BlobDownload d = new BlobDownload(http(repo), repo, blob, target, progress);
    retries.run(
        () -> {
          d.attempt();
          return null;
        });
  }

  @Override
  public boolean hasBlob(ImageRef repo, String digest) {
    return retries.run(() -> headBlob(repo, digest));
  }

  private boolean headBlob(ImageRef repo, String digest) {
    RegistryHttp http = http(repo);
    var r = http.head(repo, http.uri(repo, "/blobs/" + digest), Map.of());
    if (r.status() == 200 || r.status() == 404) {
      return r.status() == 200;
    }
    throw http.failure(repo, "blob " + digest, r);
  }

  @Override
  public BlobPush pushBlob(
      ImageRef repo,
      Descriptor blob,
      Path file,
      Optional<ImageRef> mountFrom,
      LongConsumer progress) {
    return retries.run(
        () -> new BlobUpload(http(repo), repo, blob, file, progress).push(mountFrom));
  }

  @Override
  public void pushManifest(ImageRef ref, Content manifest) {
    retries.run(
        () -> {
          putManifest(ref, manifest);
          return null;
        });
  }

  private void putManifest(ImageRef ref, Content manifest) {
    RegistryHttp http = http(ref);
    var r =
        http.put(
            ref,
            http.uri(ref, "/manifests/" + ref.reference()),
            manifest.bytes(),
            Map.of("Content-Type", manifest.mediaType()));
    if (r.status() != 201 && r.status() != 200) {
      throw http.failure(ref, "pushing manifest " + manifest.digest(), r);
    }
    String stored = r.header("docker-content-digest").orElse(manifest.digest());
    if (!stored.equals(manifest.digest())) {
      throw new RegistryException(
          ref + ": the registry stored the manifest as " + stored + ", not " + manifest.digest(),
          -1);
    }
    JSONObject json = new JSONObject(new String(manifest.bytes(), StandardCharsets.UTF_8));
    JSONObject subject = json.optJSONObject("subject");
    if (subject != null && r.header("oci-subject").isEmpty()) {
      new ReferrersTag(this, http).add(ref, Descriptor.fromJson(subject), listed(manifest, json));
    }
  }

  /** How a manifest appears in a referrers list: its artifact type and annotations. */
  private static Descriptor listed(Content manifest, JSONObject json) {
    String type = json.optString("artifactType", "");
    if (type.isEmpty()) {
      JSONObject config = json.optJSONObject("config");
      type = config == null ? "" : config.optString("mediaType", "");
    }
    Map<String, String> ann = new java.util.TreeMap<>();
    JSONObject a = json.optJSONObject("annotations");
    if (a != null) {
      a.keySet().forEach(k -> ann.put(k, a.optString(k)));
    }
    return new Descriptor(
        manifest.mediaType(),
        manifest.digest(),
        manifest.bytes().length,
        type.isEmpty() ? Optional.empty() : Optional.of(type),
        Optional.empty(),
        ann);
  }

  @Override
  public List<Descriptor> referrers(ImageRef subject, Optional<String> artifactType) {
    String digest =
        subject.digest().orElseThrow(() -> new IllegalArgumentException("referrers need a digest"));
    RegistryHttp http = http(subject);
    String query =
        artifactType
            .map(t -> "?artifactType=" + URLEncoder.encode(t, StandardCharsets.UTF_8))
            .orElse("");
    var r =
        retries.run(
            () ->
                http.get(
                    subject,
                    http.uri(subject, "/referrers/" + digest + query),
                    Map.of("Accept", MediaTypes.OCI_INDEX)));
    List<Descriptor> all;
    if (r.status() == 200) {
      all = manifestsOf(subject, r.body());
    } else if (r.status() == 404) {
      all = new ReferrersTag(this, http).list(subject);
    } else {
      throw http.failure(subject, "referrers", r);
    }
    return all.stream()
        .filter(d -> artifactType.isEmpty() || d.artifactType().equals(artifactType))
        .toList();
  }

  static List<Descriptor> manifestsOf(ImageRef ref, String indexJson) {
    try {
      JSONArray ms = new JSONObject(indexJson).optJSONArray("manifests");
      List<Descriptor> out = new ArrayList<>();
      for (int i = 0; ms != null && i < ms.length(); i++) {
        out.add(Descriptor.fromJson(ms.getJSONObject(i)));
      }
      return out;
    } catch (JSONException e) {
      throw new RegistryException(ref + ": not an image index: " + e.getMessage(), -1);
    }
  }
}
