package dev.osimages.engine.push;

import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.registry.BlobCache;
import dev.osimages.engine.registry.CanonicalJson;
import dev.osimages.engine.registry.Content;
import dev.osimages.engine.registry.Descriptor;
import dev.osimages.engine.registry.ImageRef;
import dev.osimages.engine.registry.MediaTypes;
import dev.osimages.engine.registry.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.json.JSONObject;

/**
 * A published set as an OCI artifact beside its image, so another machine can rebuild the store
 * byte for byte ({@code engine fetch}): an OCI 1.1 artifact manifest of type {@value #TYPE} whose
 * layers are the set's files as they are on disk (each named by its {@code
 * org.opencontainers.image.title}), with the image as its {@code subject}, so it is found as one of
 * the image's referrers (the registry's referrers API, or the tag-schema fallback index).
 */
final class SetArtifact {
  static final String TYPE = "application/vnd.osimages.image-set.v1";
  static final String TITLE = "org.opencontainers.image.title";
  private static final String TARBALL_TYPE = "application/vnd.osimages.rootfs.tar.lz4";
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

  private final RegistryClient registry;
  private final BlobCache blobs;

  SetArtifact(RegistryClient registry, BlobCache blobs) {
    this.registry = registry;
    this.blobs = blobs;
  }

  /**
   * The artifact manifest of the set in {@code dir} (whose tarball has sha256 {@code
   * tarballSha256}, as its checked manifest.json records), for image {@code subject}.
   */
  static Content manifest(
      Path dir, String tarballSha256, Descriptor subject, Map<String, String> annotations) {
    List<Object> layers = new ArrayList<>();
    for (String name : ImageSet.present(dir)) {
      Path f = dir.resolve(name);
      boolean tarball = name.equals(ImageSet.TARBALL);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("mediaType", tarball ? TARBALL_TYPE : "application/octet-stream");
      d.put("digest", "sha256:" + (tarball ? tarballSha256 : Digests.ofFile(f)));
      d.put("size", size(f));
      d.put("annotations", Map.of(TITLE, name));
      layers.add(d);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", 2);
    doc.put("mediaType", MediaTypes.OCI_MANIFEST);
    doc.put("artifactType", TYPE);
    doc.put(
        "config",
        Map.of(
            "mediaType",
            MediaTypes.OCI_EMPTY,
            "digest",
            "sha256:" + Digests.ofBytes(EMPTY),
            "size",
            EMPTY.length));
    doc.put("layers", layers);
    doc.put(
        "subject",
        Map.of(
            "mediaType", subject.mediaType(), "digest", subject.digest(), "size", subject.size()));
    doc.put("annotations", annotations);
    return Content.of(MediaTypes.OCI_MANIFEST, CanonicalJson.bytes(doc));
  }

  /**
   * Pushes {@code artifact} (made by {@link #manifest} from {@code dir}) to {@code repo} unless the
   * image already lists it among its referrers; returns the bytes sent.
   */
  long push(ImageRef repo, Path dir, Content artifact, Descriptor subject, LongConsumer progress) {
    boolean listed =
        registry.referrers(repo.withDigest(subject.digest()), Optional.of(TYPE)).stream()
            .anyMatch(d -> d.digest().equals(artifact.digest()));
    if (listed) {
      return 0;
    }
    long sent = 0;
    JSONObject doc = new JSONObject(new String(artifact.bytes(), StandardCharsets.UTF_8));
    for (Object o : doc.getJSONArray("layers")) {
      Descriptor d = Descriptor.fromJson((JSONObject) o);
      Path f = dir.resolve(d.annotations().get(TITLE));
      if (registry.pushBlob(repo, d, f, Optional.empty(), progress)
          == RegistryClient.BlobPush.UPLOADED) {
        sent += d.size();
      }
    }
    registry.pushBlob(repo, emptyConfig(), emptyFile(), Optional.empty(), n -> {});
    registry.pushManifest(repo.withDigest(artifact.digest()), artifact);
    return sent + artifact.bytes().length;
  }

  private static Descriptor emptyConfig() {
    return Descriptor.of(MediaTypes.OCI_EMPTY, "sha256:" + Digests.ofBytes(EMPTY), EMPTY.length);
  }

  private Path emptyFile() {
    return blobs.store(Content.of(MediaTypes.OCI_EMPTY, EMPTY));
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + f, e);
    }
  }
}
