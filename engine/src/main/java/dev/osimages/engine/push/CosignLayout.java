package dev.osimages.engine.push;

import dev.osimages.engine.host.Digests;
import dev.osimages.engine.registry.CanonicalJson;
import dev.osimages.engine.signing.Dsse;
import dev.osimages.engine.signing.SigningKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How cosign keeps signatures and attestations of an image in a registry (its tag-based scheme):
 * beside image {@code sha256:<hex>}, in the same repository, an image tagged {@code
 * sha256-<hex>.sig} whose layers are simple-signing payloads (the signed claim "this repository's
 * image is this digest"), each with its base64 signature as the annotation {@value #SIGNATURE}; and
 * one tagged {@code sha256-<hex>.att} whose layers are DSSE envelopes of in-toto statements about
 * the image, each annotated with its {@value #PREDICATE_TYPE}. Learnt from cosign's sources
 * (pkg/oci/static, pkg/types, pkg/cosign/verifiers.go); the documents are written here.
 */
final class CosignLayout {
  static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
  static final String SIGNATURE = "dev.cosignproject.cosign/signature";
  static final String PREDICATE_TYPE = "predicateType";
  static final String CYCLONEDX = "https://cyclonedx.org/bom";
  static final String STATEMENT_V1 = "https://in-toto.io/Statement/v1";

  private CosignLayout() {}

  /** One layer of a signature or attestation image: its bytes, media type and annotations. */
  record Layer(String mediaType, byte[] bytes, Map<String, String> annotations) {
    Layer {
      bytes = bytes.clone();
      annotations = Map.copyOf(annotations);
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  /** The tag of the signatures of {@code digest}. */
  static String signatureTag(String digest) {
    return digest.replace(':', '-') + ".sig";
  }

  /** The tag of the attestations of {@code digest}. */
  static String attestationTag(String digest) {
    return digest.replace(':', '-') + ".att";
  }

  /**
   * The signed simple-signing claim that {@code repository} (host/path) has image {@code digest},
   * with {@code optional} claims (cosign's {@code -a key=value}, checked by {@code cosign verify
   * -a}).
   */
  static Layer signature(
      String repository, String digest, Map<String, String> optional, SigningKey key) {
    Map<String, Object> critical = new LinkedHashMap<>();
    critical.put("identity", Map.of("docker-reference", repository));
    critical.put("image", Map.of("docker-manifest-digest", digest));
    critical.put("type", "cosign container image signature");
    Map<String, Object> claim = new LinkedHashMap<>();
    claim.put("critical", critical);
    claim.put("optional", optional);
    byte[] payload = CanonicalJson.bytes(claim);
    String b64 = Base64.getEncoder().encodeToString(key.signDigest(Digests.ofBytes(payload)));
    return new Layer(SIMPLE_SIGNING, payload, Map.of(SIGNATURE, b64));
  }

  /**
   * An in-toto statement v1 about {@code subjects} ({@code name}, {@code digest} maps) with {@code
   * predicate}, in a DSSE envelope signed by {@code key}.
   */
  static Layer attestation(
      List<Map<String, Object>> subjects, String predicateType, Object predicate, SigningKey key) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("_type", STATEMENT_V1);
    statement.put("subject", subjects);
    statement.put("predicateType", predicateType);
    statement.put("predicate", predicate);
    byte[] envelope =
        CanonicalJson.bytes(Dsse.envelope(Dsse.IN_TOTO, CanonicalJson.bytes(statement), key));
    return new Layer(DSSE_ENVELOPE, envelope, Map.of(SIGNATURE, "", PREDICATE_TYPE, predicateType));
  }
}
