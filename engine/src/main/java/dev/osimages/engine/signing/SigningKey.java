package dev.osimages.engine.signing;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The operator's ECDSA P-256 signing key, loaded from PEM: {@code EC PRIVATE KEY} (SEC 1), {@code
 * PRIVATE KEY} (PKCS#8), their encrypted forms ({@code ENCRYPTED PRIVATE KEY}, or OpenSSL's {@code
 * Proc-Type: 4,ENCRYPTED}) with a password, and cosign's own {@code ENCRYPTED SIGSTORE PRIVATE KEY}
 * ({@link CosignKeys}). Signatures are ASN.1 DER ECDSA over a SHA-256 digest, as cosign makes and
 * checks them. The key never appears in {@link #toString()}, a message or a log.
 */
public final class SigningKey {
  /** BouncyCastle's provider, for the ciphers of encrypted PEM keys only (never registered). */
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private final PrivateKey key;
  private final PublicKey publicKey;

  private SigningKey(PrivateKey key, PublicKey publicKey) {
    this.key = key;
    this.publicKey = publicKey;
  }

  /**
   * Loads the key in {@code pem}; {@code where} names its source in messages (a file or a variable,
   * never the content), {@code password} decrypts an encrypted key.
   *
   * @throws EngineException (exit 1) in one line when it is not such a key, is encrypted without a
   *     password, or the password is wrong
   */
  public static SigningKey load(String pem, String where, Optional<char[]> password) {
    if (pem.contains("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----")
        || pem.contains("-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----")) {
      char[] pw = password.orElseThrow(() -> needsPassword(where));
      return of(CosignKeys.decrypt(pem, pw, where), where);
    }
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      parsed = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw invalid(where, "not a PEM key (" + e.getMessage() + ")");
    }
    try {
      PrivateKeyInfo info;
      if (parsed instanceof PEMKeyPair kp) {
        info = kp.getPrivateKeyInfo();
      } else if (parsed instanceof PrivateKeyInfo pki) {
        info = pki;
      } else if (parsed instanceof PEMEncryptedKeyPair enc) {
        char[] pw = password.orElseThrow(() -> needsPassword(where));
        info =
            enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(pw))
                .getPrivateKeyInfo();
      } else if (parsed instanceof PKCS8EncryptedPrivateKeyInfo enc) {
        char[] pw = password.orElseThrow(() -> needsPassword(where));
        info =
            enc.decryptPrivateKeyInfo(
                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(pw));
      } else {
        throw invalid(
            where,
            parsed == null
                ? "no PEM block found"
                : "found " + parsed.getClass().getSimpleName() + ", not a private key");
      }
      return of(Curves.privateKey(info, where), where);
    } catch (OperatorCreationException | PKCSException | IOException e) {
      throw new EngineException(
          where + ": cannot decrypt the signing key with the given password (wrong password?)",
          ExitCode.FAILED,
          e);
    }
  }

  private static SigningKey of(PrivateKey key, String where) {
    if (!(key instanceof ECPrivateKey ec) || !Curves.isP256(ec.getParams())) {
      throw invalid(where, "expected an ECDSA P-256 private key, found " + key.getAlgorithm());
    }
    return new SigningKey(key, Curves.publicKeyOf(ec));
  }

  private static EngineException needsPassword(String where) {
    return new EngineException(
        where + ": the signing key is encrypted; give its password in $" + KeySource.PASSWORD_ENV,
        ExitCode.FAILED);
  }

  private static EngineException invalid(String where, String why) {
    return new EngineException(
        where + ": expected a PEM ECDSA P-256 private key: " + why, ExitCode.FAILED);
  }

  /**
   * ASN.1 DER ECDSA signature over a SHA-256 digest given in hex. Deterministic (RFC 6979): the
   * same key and digest always give the same signature, so signing anew changes no file and a
   * signature already in a registry is recognised by its digest.
   */
  public byte[] signDigest(String sha256Hex) {
    return Curves.signDeterministic((ECPrivateKey) key, HexFormat.of().parseHex(sha256Hex));
  }

  /** Signs {@code data} (SHA-256 then ECDSA, DER, deterministic), as for DSSE envelopes. */
  public byte[] sign(byte[] data) {
    try {
      return Curves.signDeterministic(
          (ECPrivateKey) key, MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** The blob signature file's content: base64 of the DER signature over the digest. */
  public String blobSignature(String sha256Hex) {
    return Base64.getEncoder().encodeToString(signDigest(sha256Hex));
  }

  /** The public half, for verification and for the operator to publish. */
  public VerifyingKey verifyingKey() {
    return new VerifyingKey((ECPublicKey) publicKey);
  }

  @Override
  public String toString() {
    return "SigningKey[ECDSA P-256, " + verifyingKey().fingerprint() + "]";
  }
}
