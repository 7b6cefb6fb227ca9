package dev.osimages.engine.push;

import dev.osimages.engine.host.Digests;
import dev.osimages.engine.registry.Content;
import dev.osimages.engine.registry.Descriptor;
import dev.osimages.engine.registry.ImageRef;
import dev.osimages.engine.registry.RegistryClient;
import dev.osimages.engine.registry.RegistryException;
import dev.osimages.engine.signing.VerifyingKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Checks a cosign signature in the registry as {@code cosign verify --key} does offline: some
 * simple-signing layer under {@code sha256-<hex>.sig} is signed by the key (ECDSA over the
 * payload's SHA-256) and claims exactly the digest asked about.
 */
final class CosignVerifier {
  private final RegistryClient registry;
  private final Path scratch;

  /** {@code scratch}: a directory for the downloaded payloads. */
  CosignVerifier(RegistryClient registry, Path scratch) {
    this.registry = registry;
    this.scratch = scratch;
  }

  /** Whether {@code digest} in {@code repo} has a signature by {@code key}. */
  boolean signedBy(ImageRef repo, String digest, VerifyingKey key) {
    Content sigs;
    try {
      sigs = registry.manifest(repo.withTag(CosignLayout.signatureTag(digest)));
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
    var layers =
        new JSONObject(new String(sigs.bytes(), StandardCharsets.UTF_8)).optJSONArray("layers");
    for (int i = 0; layers != null && i < layers.length(); i++) {
      Descriptor d = Descriptor.fromJson(layers.getJSONObject(i));
      String sig = d.annotations().getOrDefault(CosignLayout.SIGNATURE, "");
      if (d.mediaType().equals(CosignLayout.SIMPLE_SIGNING)
          && !sig.isEmpty()
          && d.size() < 1 << 20
          && claims(repo, d, digest, key, sig)) {
        return true;
      }
    }
    return false;
  }

  private boolean claims(ImageRef repo, Descriptor d, String digest, VerifyingKey key, String sig) {
    try {
      Files.createDirectories(scratch);
      Path f = scratch.resolve(d.digest().replace(':', '-'));
      registry.fetchBlob(repo, d, f, n -> {});
      byte[] payload = Files.readAllBytes(f);
      Files.deleteIfExists(f);
      if (!key.verifiesDigest(Digests.ofBytes(payload), Base64.getDecoder().decode(sig))) {
        return false;
      }
      JSONObject claim = new JSONObject(new String(payload, StandardCharsets.UTF_8));
      return claim
          .getJSONObject("critical")
          .getJSONObject("image")
          .optString("docker-manifest-digest")
          .equals(digest);
    } catch (JSONException | IllegalArgumentException e) {
      return false; // not a signature of this digest
    } catch (IOException e) {
      throw new UncheckedIOException("reading a signature payload in " + scratch, e);
    }
  }
}
