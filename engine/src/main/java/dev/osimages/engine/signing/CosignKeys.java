package dev.osimages.engine.signing;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Reads the private keys {@code cosign generate-key-pair} writes: a PEM block ({@code ENCRYPTED
 * SIGSTORE PRIVATE KEY}, formerly {@code ENCRYPTED COSIGN PRIVATE KEY}) holding JSON with an scrypt
 * key derivation and a NaCl secretbox (XSalsa20-Poly1305) around the PKCS#8 key. The secretbox is
 * opened with BouncyCastle's XSalsa20 and Poly1305 as NaCl defines it: the first 32 bytes of the
 * key stream are the one-time Poly1305 key, the 16-byte tag comes first in the ciphertext.
 */
final class CosignKeys {
  private CosignKeys() {}

  static PrivateKey decrypt(String pem, char[] password, String where) {
    try {
      String b64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
      JsonObject box =
          JsonObject.parse(new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8));
      JsonObject kdf = box.object("kdf").orElseThrow(() -> new IllegalArgumentException("no kdf"));
      JsonObject cipher =
          box.object("cipher").orElseThrow(() -> new IllegalArgumentException("no cipher"));
      JsonObject params =
          kdf.object("params").orElseThrow(() -> new IllegalArgumentException("no kdf params"));
      if (!kdf.string("name", "").equals("scrypt")
          || !cipher.string("name", "").equals("nacl/secretbox")) {
        throw new EngineException(
            where + ": unsupported cosign key encryption (expected scrypt and nacl/secretbox)",
            ExitCode.FAILED);
      }
      byte[] key =
          SCrypt.generate(
              new String(password).getBytes(StandardCharsets.UTF_8),
              Base64.getDecoder().decode(kdf.string("salt")),
              (int) params.integer("N"),
              (int) params.integer("r"),
              (int) params.integer("p"),
              32);
      byte[] nonce = Base64.getDecoder().decode(cipher.string("nonce"));
      byte[] sealed = Base64.getDecoder().decode(box.string("ciphertext"));
      byte[] der = open(sealed, nonce, key, where);
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (MalformedJsonException | IllegalArgumentException | GeneralSecurityException e) {
      throw new EngineException(
          where + ": not a readable cosign private key: " + e.getMessage(), ExitCode.FAILED, e);
    }
  }

  /** NaCl secretbox open. */
  private static byte[] open(byte[] sealed, byte[] nonce, byte[] key, String where) {
    if (sealed.length < 16 || nonce.length != 24) {
      throw new IllegalArgumentException("secretbox too short");
    }
    XSalsa20Engine salsa = new XSalsa20Engine();
    salsa.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
    byte[] polyKey = new byte[32];
    salsa.processBytes(new byte[32], 0, 32, polyKey, 0);
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(polyKey));
    mac.update(sealed, 16, sealed.length - 16);
    byte[] tag = new byte[16];
    mac.doFinal(tag, 0);
    if (!MessageDigest.isEqual(tag, Arrays.copyOf(sealed, 16))) {
      throw new EngineException(
          where + ": cannot decrypt the signing key with the given password (wrong password?)",
          ExitCode.FAILED);
    }
    byte[] plain = new byte[sealed.length - 16];
    salsa.processBytes(sealed, 16, plain.length, plain, 0);
    return plain;
  }
}
