package dev.osimages.engine.signing;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An ECDSA P-256 public key as cosign reads it ({@code -----BEGIN PUBLIC KEY-----}, PKIX), checking
 * the signatures {@link SigningKey} makes.
 */
public final class VerifyingKey {
  private final ECPublicKey key;

  VerifyingKey(ECPublicKey key) {
    this.key = key;
  }

  /**
   * Reads a PKIX PEM public key; {@code where} names it in messages.
   *
   * @throws EngineException (exit 1) when it is not an ECDSA P-256 public key
   */
  public static VerifyingKey parse(String pem, String where) {
    String b64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    if (!pem.contains("-----BEGIN PUBLIC KEY-----") || b64.isEmpty()) {
      throw new EngineException(
          where + ": expected a PEM public key (-----BEGIN PUBLIC KEY-----)", ExitCode.FAILED);
    }
    try {
      var k =
          KeyFactory.getInstance("EC")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
      if (!(k instanceof ECPublicKey ec) || !Curves.isP256(ec.getParams())) {
        throw new EngineException(where + ": expected an ECDSA P-256 public key", ExitCode.FAILED);
      }
      return new VerifyingKey(ec);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new EngineException(
          where + ": not a valid public key: " + e.getMessage(), ExitCode.FAILED, e);
    }
  }

  /** Whether {@code der} is a signature by this key over the SHA-256 digest {@code sha256Hex}. */
  public boolean verifiesDigest(String sha256Hex, byte[] der) {
    return verify("NONEwithECDSA", HexFormat.of().parseHex(sha256Hex), der);
  }

  /** Whether {@code der} is a signature by this key over {@code data} (SHA-256 then ECDSA). */
  public boolean verifies(byte[] data, byte[] der) {
    return verify("SHA256withECDSA", data, der);
  }

  private boolean verify(String algorithm, byte[] data, byte[] der) {
    try {
      Signature s = Signature.getInstance(algorithm);
      s.initVerify(key);
      s.update(data);
      return s.verify(der);
    } catch (GeneralSecurityException e) {
      return false; // a malformed signature is no valid signature
    }
  }

  /** PKIX PEM, as cosign writes cosign.pub. */
  public String pem() {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
  }

  /** sha256 of the DER public key, hex: names a key in messages without showing it. */
  public String fingerprint() {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
