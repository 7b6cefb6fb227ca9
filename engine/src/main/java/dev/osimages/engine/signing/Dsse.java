package dev.osimages.engine.signing;

import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.json.MalformedJsonException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DSSE envelopes (Dead Simple Signing Envelope, as in-toto attestations are carried): the payload
 * in base64 with its type, signed over the pre-authentication encoding {@code "DSSEv1" SP len(type)
 * SP type SP len(body) SP body}, so the signature also covers the payload's type. This is what
 * {@code cosign attest} stores and {@code cosign verify-attestation} checks.
 */
public final class Dsse {
  /** The payload type of in-toto statements. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  private Dsse() {}

  /** The pre-authentication encoding that is signed. */
  static byte[] pae(String type, byte[] body) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] t = type.getBytes(StandardCharsets.UTF_8);
    b.writeBytes(("DSSEv1 " + t.length + " ").getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(t);
    b.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(body);
    return b.toByteArray();
  }

  /**
   * The envelope of {@code payload} signed by {@code key}, as a JSON map (the caller serializes it
   * with the rest of its documents).
   */
  public static Map<String, Object> envelope(String type, byte[] payload, SigningKey key) {
    Map<String, Object> sig = new LinkedHashMap<>();
    sig.put("keyid", "");
    sig.put("sig", Base64.getEncoder().encodeToString(key.sign(pae(type, payload))));
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("payloadType", type);
    env.put("payload", Base64.getEncoder().encodeToString(payload));
    env.put("signatures", List.of(sig));
    return env;
  }

  /**
   * The payload of {@code envelope} (JSON) when it has type {@code type} and a signature by {@code
   * key}; empty when it is not such an envelope or no signature in it is by that key.
   */
  public static Optional<byte[]> open(byte[] envelope, String type, VerifyingKey key) {
    try {
      JsonObject env = JsonObject.parse(new String(envelope, StandardCharsets.UTF_8));
      if (!env.string("payloadType", "").equals(type)) {
        return Optional.empty();
      }
      byte[] payload = Base64.getDecoder().decode(env.string("payload", ""));
      byte[] signed = pae(type, payload);
      for (JsonObject s : env.objects("signatures")) {
        if (key.verifies(signed, Base64.getDecoder().decode(s.string("sig", "")))) {
          return Optional.of(payload);
        }
      }
      return Optional.empty();
    } catch (MalformedJsonException | IllegalArgumentException e) {
      return Optional.empty(); // not an envelope: no payload by this key
    }
  }
}
