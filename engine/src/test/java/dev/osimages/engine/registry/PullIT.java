package dev.osimages.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.base.BaseResolver;
import dev.osimages.engine.base.ResolvedBase;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.model.Base;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daemonless pulls against Debian's docker-registry over TLS with htpasswd users, on loopback: the
 * base is pushed by skopeo from an OCI layout umoci made; the engine's client pulls it through the
 * certs.d CA and the credentials of an auth file, and each bad case is one line naming the
 * reference and what the registry said.
 */
class PullIT {
  private static final String USER = "puller";
  private static final String PASSWORD = "pull-s3cret";

  @TempDir static Path work;
  static TestPki pki;
  static LoopbackRegistry registry;
  static Path layout;
  static Path tampered;
  static Path truncated;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create(work.resolve("pki"));
    registry = LoopbackRegistry.basic(work.resolve("registry"), pki, USER, PASSWORD);
    layout = TestImages.layout(work);
    String creds = USER + ":" + PASSWORD;
    TestImages.push(registry, creds, layout, registry.host() + "/test/base:1", "");
    TestImages.push(
        registry, creds, TestImages.zstdLayout(layout, work), registry.host() + "/test/zstd:1", "");
    TestImages.addArmOnlyIndex(layout);
    TestImages.push(registry, creds, layout, "armonly", registry.host() + "/test/arm:1", "--all");
    Path t = TestImages.layout(work.resolve("tampered"), "tampered after the push");
    TestImages.push(registry, creds, t, registry.host() + "/test/tampered:1", "");
    tampered = registry.blobData(firstLayer(t));
    byte[] b = Files.readAllBytes(tampered);
    b[b.length / 2] ^= 1;
    Files.write(tampered, b);
    Path c = TestImages.layout(work.resolve("truncated"), "truncated after the push");
    TestImages.push(registry, creds, c, registry.host() + "/test/truncated:1", "");
    truncated = registry.blobData(firstLayer(c));
    byte[] whole = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 1000));
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  /** The digest of the first layer of {@code layout:base}. */
  static String firstLayer(Path layout) throws Exception {
    org.json.JSONObject index =
        new org.json.JSONObject(Files.readString(layout.resolve("index.json")));
    String m = index.getJSONArray("manifests").getJSONObject(0).getString("digest");
    return new org.json.JSONObject(Files.readString(TestImages.blob(layout, m)))
        .getJSONArray("layers")
        .getJSONObject(0)
        .getString("digest");
  }

  static Map<String, String> env(String user, String password) throws Exception {
    Path auth = work.resolve("auth-" + user + "-" + password.hashCode() + ".json");
    String b64 =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        auth, "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + b64 + "\"}}}\n");
    return Map.of("REGISTRY_AUTH_FILE", auth.toString(), "HOME", work.toString());
  }

  static RegistryEnvironment environment(Map<String, String> env, boolean withCa) {
    Path conf = work.resolve("registries.conf");
    try {
      Files.writeString(conf, "unqualified-search-registries = []\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new RegistryEnvironment(
        Optional.of(conf), env, withCa ? List.of(registry.certsDir()) : List.of());
  }

  static ImagePuller puller(RegistryEnvironment env, Path cache, PullPolicy policy) {
    return new ImagePuller(
        () -> OrasRegistryClient.withRetryWait(env, Duration.ofMillis(50)),
        new BlobCache(cache),
        policy,
        "linux/amd64");
  }

  private static ResolvedBase resolve(ImagePuller puller, String ref, Path bases) {
    return new BaseResolver(bases, Optional.of(puller), "t/1", EventListener.NONE)
        .resolve(new Base.Registry(ref), l -> {});
  }

  @Test
  void pull_overTlsWithBasicAuth_givesTheLayersWithWhiteoutsApplied() throws Exception {
    Path cache = work.resolve("cache-ok");
    ImagePuller p = puller(environment(env(USER, PASSWORD), true), cache, PullPolicy.ALWAYS);
    ResolvedBase b = resolve(p, registry.host() + "/test/base:1", work.resolve("bases-ok"));

    assertThat(b.layers()).hasSize(2);
    assertThat(b.layers().get(0).resolve("etc/registry-base"))
        .content()
        .isEqualTo(TestImages.MARKER + "\n");
    assertThat(b.layers().get(1).resolve("etc/second-layer")).content().isEqualTo("second\n");
    // The deleted file is an overlayfs whiteout: a 0/0 character device.
    assertThat(TestPki.sh(work, "stat -c '%F %t %T' " + b.layers().get(1).resolve("etc/gone")))
        .isEqualTo("character special file 0 0\n");
    assertThat(b.pinned().orElseThrow())
        .matches(
            java.util.regex.Pattern.quote(registry.host() + "/test/base:1@sha256:")
                + "[0-9a-f]{64}");
    assertThat(registry.log())
        .containsPattern(
            "msg=\"authorized request\".*uri=/v2/test/base/manifests/1 .*ORAS-Java-SDK")
        .contains("\"GET /v2/test/base/manifests/1 HTTP/2.0\" 200");
  }

  @Test
  void pull_ofZstdLayers_isVerifiedAndExtracted() throws Exception {
    ImagePuller p =
        puller(environment(env(USER, PASSWORD), true), work.resolve("cache-z"), PullPolicy.ALWAYS);
    ResolvedBase b = resolve(p, registry.host() + "/test/zstd:1", work.resolve("bases-z"));
    assertThat(b.layers().get(0).resolve("etc/registry-base")).exists();
    String manifest =
        TestPki.sh(
            work,
            "skopeo inspect --raw "
                + registry.skopeoSrc(USER + ":" + PASSWORD).replace("--src-", "--")
                + " docker://"
                + registry.host()
                + "/test/zstd:1");
    assertThat(manifest).contains("tar+zstd");
  }

  @Test
  void pull_ofAnUnknownImage_namesTheReferenceAndTheRegistrysError() throws Exception {
    ImagePuller p =
        puller(environment(env(USER, PASSWORD), true), work.resolve("cache-u"), PullPolicy.ALWAYS);
    String ref = registry.host() + "/test/absent:1";
    assertThatThrownBy(() -> p.pull("t/1", ref, EventListener.NONE))
        .isInstanceOf(RegistryException.class)
        .hasMessage(
            ref
                + ": manifest: "
                + registry.host()
                + " answered 404: manifest unknown: manifest unknown");
  }

  @Test
  void pull_withAWrongPassword_saysTheCredentialsWereRefused() throws Exception {
    ImagePuller p =
        puller(environment(env(USER, "wrong"), true), work.resolve("cache-w"), PullPolicy.ALWAYS);
    String ref = registry.host() + "/test/base:1";
    assertThatThrownBy(() -> p.pull("t/1", ref, EventListener.NONE))
        .hasMessageStartingWith(ref + ": ")
        .hasMessageContaining("401")
        .hasMessageContaining("credentials for " + registry.host() + " were refused");
  }

  @Test
  void pull_withoutTheRegistrysCa_failsTheTlsHandshakeByName() throws Exception {
    ImagePuller p =
        puller(environment(env(USER, PASSWORD), false), work.resolve("cache-t"), PullPolicy.ALWAYS);
    String ref = registry.host() + "/test/base:1";
    assertThatThrownBy(() -> p.pull("t/1", ref, EventListener.NONE))
        .hasMessageStartingWith(ref + ": TLS with " + registry.host() + " failed: ")
        .hasMessageNotContaining("\n");
  }

  private ImagePuller good(String cache, PullPolicy policy) throws Exception {
    return puller(environment(env(USER, PASSWORD), true), work.resolve(cache), policy);
  }

  @Test
  void pull_ofABlobTheRegistryServesCorrupted_failsWithTheDigestMismatchAndKeepsNothing()
      throws Exception {
    String ref = registry.host() + "/test/tampered:1";
    Path cache = work.resolve("cache-tampered");
    assertThatThrownBy(
            () -> good("cache-tampered", PullPolicy.ALWAYS).pull("t/1", ref, EventListener.NONE))
        .isInstanceOf(RegistryException.class)
        .hasMessageMatching(
            java.util.regex.Pattern.quote(ref)
                + "@sha256:[0-9a-f]{64}: blob digest mismatch: expected sha256:[0-9a-f]{64} \\(\\d+ bytes\\), got"
                + " sha256:[0-9a-f]{64} \\(\\d+ bytes\\)");
    // Nothing half-pulled stays to be used: no partial file, no blob under the wrong name.
    try (var s = Files.walk(cache.resolve("blobs"))) {
      assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".partial"))
          .doesNotContain(firstLayer(work.resolve("tampered/layout")).substring(7));
    }
  }

  @Test
  void pull_ofATruncatedBlob_failsNamingTheBytesThatArrived() throws Exception {
    String ref = registry.host() + "/test/truncated:1";
    assertThatThrownBy(
            () -> good("cache-trunc", PullPolicy.ALWAYS).pull("t/1", ref, EventListener.NONE))
        .isInstanceOf(RegistryException.class)
        .hasMessageMatching(
            java.util.regex.Pattern.quote(ref)
                + "@sha256:[0-9a-f]{64}: blob sha256:[0-9a-f]{64} is truncated: the registry has"
                + " only \\d+ of \\d+ bytes \\(it answered 416 to a request for the rest\\)");
  }

  @Test
  void pull_ofAnIndexForAnotherPlatformOnly_namesWhatTheIndexOffers() throws Exception {
    String ref = registry.host() + "/test/arm:1";
    assertThatThrownBy(
            () -> good("cache-arm", PullPolicy.ALWAYS).pull("t/1", ref, EventListener.NONE))
        .hasMessageMatching(
            java.util.regex.Pattern.quote(ref)
                + "@sha256:[0-9a-f]{64}: no manifest for linux/amd64; the index offers linux/arm64");
  }

  @Test
  void pull_withAPartialBlobInTheCache_asksOnlyForTheRestAndVerifiesTheWhole() throws Exception {
    String layer = firstLayer(layout);
    Path cache = work.resolve("cache-resume");
    Path partial = new BlobCache(cache).blob(layer).resolveSibling(layer.substring(7) + ".partial");
    Files.createDirectories(partial.getParent());
    byte[] whole = Files.readAllBytes(registry.blobData(layer));
    Files.write(partial, java.util.Arrays.copyOf(whole, whole.length / 2));
    int before = registry.log().length();

    good("cache-resume", PullPolicy.ALWAYS)
        .pull("t/1", registry.host() + "/test/base:1", EventListener.NONE);

    assertThat(new BlobCache(cache).blob(layer)).hasBinaryContent(whole);
    assertThat(partial).doesNotExist();
    assertThat(registry.log().substring(before))
        .contains(
            "\"GET /v2/test/base/blobs/"
                + layer
                + " HTTP/2.0\" 206 "
                + (whole.length - whole.length / 2));
  }

  @Test
  void pullPolicies_missingUsesThePinWithoutAskingAndNeverRefusesWhatWasNotPulled()
      throws Exception {
    String ref = registry.host() + "/test/base:1";
    good("cache-policy", PullPolicy.ALWAYS).pull("t/1", ref, EventListener.NONE);
    int before = registry.log().length();

    PulledImage again =
        good("cache-policy", PullPolicy.MISSING).pull("t/1", ref, EventListener.NONE);
    PulledImage offline =
        good("cache-policy", PullPolicy.NEVER).pull("t/1", ref, EventListener.NONE);

    assertThat(registry.log().substring(before)).doesNotContain("/v2/test/base/");
    assertThat(offline.pinned()).isEqualTo(again.pinned());
    assertThatThrownBy(
            () -> good("cache-never", PullPolicy.NEVER).pull("t/1", ref, EventListener.NONE))
        .hasMessage(ref + ": not pulled before, and --pull never asks no registry");
  }

  @Test
  void pull_sameReferenceTwiceWithOnePuller_resolvesTheTagOnceExceptUnderAlways() throws Exception {
    String ref = registry.host() + "/test/base:1";
    String resolved = "\"GET /v2/test/base/manifests/1 HTTP/2.0\" 200";
    ImagePuller refresh = good("cache-once", PullPolicy.REFRESH);
    int before = registry.log().length();

    PulledImage first = refresh.pull("t/1", ref, EventListener.NONE);
    PulledImage second = refresh.pull("t/2", ref, EventListener.NONE);

    assertThat(second).isSameAs(first);
    assertThat(registry.log().substring(before).split(java.util.regex.Pattern.quote(resolved), -1))
        .hasSize(2);
    ImagePuller always = good("cache-once", PullPolicy.ALWAYS);
    before = registry.log().length();
    always.pull("t/1", ref, EventListener.NONE);
    always.pull("t/2", ref, EventListener.NONE);
    assertThat(registry.log().substring(before).split(java.util.regex.Pattern.quote(resolved), -1))
        .hasSize(3);
  }

  @Test
  void pull_withoutCredentials_isTheEnvironmentsLack() throws Exception {
    ImagePuller p =
        puller(
            environment(Map.of("HOME", work.toString()), true),
            work.resolve("cache-n"),
            PullPolicy.ALWAYS);
    String ref = registry.host() + "/test/base:1";
    assertThatThrownBy(() -> p.pull("t/1", ref, EventListener.NONE))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("no credentials for " + registry.host() + " were found")
        .satisfies(
            e ->
                assertThat(((RegistryException) e).exit())
                    .isEqualTo(dev.osimages.engine.ExitCode.ENVIRONMENT));
  }

  /**
   * What issue 16 builds on: an artifact manifest with a subject pushed through the client is
   * listed as a referrer of its subject; distribution 2.8 has no referrers API, so through the
   * tag-schema fallback index ({@code sha256-<hex>}), which skopeo then sees as a tag.
   */
  @Test
  void referrers_onARegistryWithoutTheApi_goThroughTheTagSchemaFallback() throws Exception {
    OrasRegistryClient c =
        OrasRegistryClient.withRetryWait(
            environment(env(USER, PASSWORD), true), Duration.ofMillis(50));
    ImageRef repo = ImageRef.parse(registry.host() + "/test/base:1");
    Content subject = c.manifest(repo);
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    Path emptyFile = work.resolve("empty.json");
    Files.write(emptyFile, empty);
    Descriptor config = Content.of(MediaTypes.OCI_EMPTY, empty).descriptor();
    assertThat(c.pushBlob(repo, config, emptyFile, Optional.empty(), n -> {}))
        .isEqualTo(RegistryClient.BlobPush.UPLOADED);
    String type = "application/vnd.osimages.test+json";
    String manifest =
        new org.json.JSONObject()
            .put("schemaVersion", 2)
            .put("mediaType", MediaTypes.OCI_MANIFEST)
            .put("artifactType", type)
            .put("config", config.toJson())
            .put("layers", new org.json.JSONArray().put(config.toJson()))
            .put("subject", subject.descriptor().toJson())
            .put("annotations", new org.json.JSONObject().put("dev.osimages.test", "yes"))
            .toString();
    Content artifact =
        Content.of(MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));

    c.pushManifest(repo.withDigest(artifact.digest()), artifact);

    List<Descriptor> found = c.referrers(repo.withDigest(subject.digest()), Optional.of(type));
    assertThat(found)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.digest()).isEqualTo(artifact.digest());
              assertThat(d.artifactType()).hasValue(type);
              assertThat(d.annotations()).containsEntry("dev.osimages.test", "yes");
            });
    assertThat(c.referrers(repo.withDigest(subject.digest()), Optional.of("other/type"))).isEmpty();
    assertThat(
            TestPki.sh(
                work,
                "skopeo list-tags --cert-dir "
                    + registry.certsDir().resolve(registry.host())
                    + " --creds "
                    + USER
                    + ":"
                    + PASSWORD
                    + " docker://"
                    + registry.host()
                    + "/test/base"))
        .contains(subject.digest().replace(':', '-'));
    assertThat(c.resolve(repo.withTag(subject.digest().replace(':', '-'))).mediaType())
        .isEqualTo(MediaTypes.OCI_INDEX);
  }
}
