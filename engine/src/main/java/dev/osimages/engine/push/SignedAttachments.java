package dev.osimages.engine.push;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.registry.ImageRef;
import dev.osimages.engine.signing.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * The signature and attestations of a pushed set's image, in cosign's layout: a simple-signing
 * signature of the image (claiming its cell and input hash too), the set's SLSA provenance and its
 * CycloneDX SBOM as in-toto attestations. The statements name the image by its manifest digest
 * (what {@code cosign verify-attestation} matches) and keep the set's own subject, {@code
 * img.tar.lz4} by sha256, so one statement ties the registry image to the published tarball.
 */
final class SignedAttachments {
  private final CosignSideImage sideImage;

  SignedAttachments(CosignSideImage sideImage) {
    this.sideImage = sideImage;
  }

  /**
   * Signs and attests image {@code digest} of {@code cell} in {@code repo} with {@code key} from
   * the set in {@code dir}; returns the bytes sent (0: everything was there already).
   */
  long attach(
      String cell, ImageRef repo, String digest, Path dir, JSONObject setManifest, SigningKey key) {
    Map<String, String> claims = new LinkedHashMap<>();
    claims.put("dev.osimages.cell", cell);
    claims.put("dev.osimages.input-hash", setManifest.optString("inputHash"));
    long sent =
        sideImage.ensure(
            repo,
            CosignLayout.signatureTag(digest),
            List.of(CosignLayout.signature(repo.name(), digest, claims, key)));
    JSONObject provenance = read(dir, ImageSet.PROVENANCE);
    List<Map<String, Object>> subjects = new ArrayList<>();
    subjects.add(subject(repo.name(), digest));
    for (Object s : provenance.getJSONArray("subject").toList()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) s;
      subjects.add(m);
    }
    List<CosignLayout.Layer> attestations =
        List.of(
            CosignLayout.attestation(
                subjects,
                provenance.getString("predicateType"),
                provenance.getJSONObject("predicate").toMap(),
                key),
            CosignLayout.attestation(
                subjects, CosignLayout.CYCLONEDX, read(dir, ImageSet.SBOM).toMap(), key));
    return sent + sideImage.ensure(repo, CosignLayout.attestationTag(digest), attestations);
  }

  /**
   * Signs the set artifact {@code digest} of {@code cell} in {@code repo} (its manifest lists every
   * file's digest, so the signature covers the whole set); returns the bytes sent.
   */
  long signArtifact(String cell, ImageRef repo, String digest, SigningKey key) {
    return sideImage.ensure(
        repo,
        CosignLayout.signatureTag(digest),
        List.of(
            CosignLayout.signature(repo.name(), digest, Map.of("dev.osimages.cell", cell), key)));
  }

  private static Map<String, Object> subject(String name, String digest) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("digest", Map.of("sha256", digest.substring("sha256:".length())));
    return m;
  }

  private static JSONObject read(Path dir, String name) {
    Path f = dir.resolve(name);
    try {
      return new JSONObject(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IOException | JSONException e) {
      throw new EngineException(
          f + ": cannot read it to attest the pushed image: " + e.getMessage(), ExitCode.FAILED, e);
    }
  }
}
