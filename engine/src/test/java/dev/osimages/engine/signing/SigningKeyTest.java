package dev.osimages.engine.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
  @TempDir Path tmp;

  static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** SEC 1 "EC PRIVATE KEY" with the curve named, as OpenSSL writes it. */
  static String sec1(KeyPair kp) throws Exception {
    byte[] der =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
                256,
                ((java.security.interfaces.ECPrivateKey) kp.getPrivate()).getS(),
                org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1)
            .getEncoded();
    return pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", der));
  }

  static String pem(Object o) throws Exception {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return w.toString();
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void everyPlainForm_signs_andThePublicKeyVerifies() throws Exception {
    KeyPair kp = p256();
    String pkcs8 =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(kp.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    String sec1 = sec1(kp);
    assertThat(sec1).contains("BEGIN EC PRIVATE KEY");
    String digest = sha256("blob".getBytes());
    VerifyingKey pub = VerifyingKey.parse(pem(kp.getPublic()), "pub");
    for (String form : new String[] {pkcs8, sec1}) {
      SigningKey k = SigningKey.load(form, "key.pem", Optional.empty());
      byte[] sig = Base64.getDecoder().decode(k.blobSignature(digest));
      assertThat(pub.verifiesDigest(digest, sig)).isTrue();
      assertThat(pub.verifiesDigest(sha256("other".getBytes()), sig)).isFalse();
      assertThat(k.verifyingKey().fingerprint()).isEqualTo(pub.fingerprint());
      assertThat(k.toString()).doesNotContain(form.substring(40, 60));
    }
  }

  /** Runs a shell command in {@code tmp} and returns its output. */
  private String sh(String cmd) throws Exception {
    Process p =
        new ProcessBuilder("sh", "-c", cmd)
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(cmd + ": " + out).isZero();
    return out;
  }

  @Test
  void encryptedKeysFromOpenssl_needTheirPassword_andSayWhichVariable() throws Exception {
    sh(
        "openssl ecparam -name prime256v1 -genkey -noout -out plain.pem"
            + " && openssl ec -in plain.pem -pubout -out pub.pem"
            + " && openssl pkcs8 -topk8 -v2 aes-256-cbc -in plain.pem -passout pass:s3cret -out pkcs8.pem"
            + " && openssl ec -in plain.pem -aes128 -passout pass:s3cret -out legacy.pem");
    char[] pw = "s3cret".toCharArray();
    String pub = VerifyingKey.parse(Files.readString(tmp.resolve("pub.pem")), "pub").pem();
    assertThat(Files.readString(tmp.resolve("legacy.pem"))).contains("Proc-Type: 4,ENCRYPTED");
    assertThat(Files.readString(tmp.resolve("pkcs8.pem"))).contains("BEGIN ENCRYPTED PRIVATE KEY");
    assertThat(
            SigningKey.load(Files.readString(tmp.resolve("plain.pem")), "p", Optional.empty())
                .verifyingKey()
                .pem())
        .isEqualTo(pub);
    for (String name : new String[] {"pkcs8.pem", "legacy.pem"}) {
      String form = Files.readString(tmp.resolve(name));
      assertThat(SigningKey.load(form, "k.pem", Optional.of(pw)).verifyingKey().pem())
          .isEqualTo(pub);
      assertThatThrownBy(() -> SigningKey.load(form, "k.pem", Optional.empty()))
          .isInstanceOf(EngineException.class)
          .hasMessage(
              "k.pem: the signing key is encrypted; give its password in $ENGINE_SIGNING_KEY_PASSWORD");
      assertThatThrownBy(
              () -> SigningKey.load(form, "k.pem", Optional.of("hunter2x".toCharArray())))
          .hasMessageContaining("k.pem: cannot decrypt the signing key")
          .hasMessageNotContaining("hunter2x")
          .hasMessageNotContaining("s3cret")
          .satisfies(e -> assertThat(((EngineException) e).exit()).isEqualTo(ExitCode.FAILED));
    }
  }

  @Test
  void notAP256PrivateKey_isRefusedInOneLine() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    assertThatThrownBy(
            () -> SigningKey.load(pem(rsa.generateKeyPair()), "rsa.pem", Optional.empty()))
        .hasMessageStartingWith("rsa.pem: expected a PEM ECDSA P-256 private key");
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    assertThatThrownBy(
            () -> SigningKey.load(pem(p384.generateKeyPair()), "p384.pem", Optional.empty()))
        .hasMessageStartingWith("p384.pem: expected a PEM ECDSA P-256 private key");
    assertThatThrownBy(() -> SigningKey.load("hello", "junk", Optional.empty()))
        .hasMessageStartingWith("junk: expected a PEM ECDSA P-256 private key");
    assertThatThrownBy(() -> SigningKey.load(pem(p256().getPublic()), "pub.pem", Optional.empty()))
        .hasMessageStartingWith("pub.pem: expected a PEM ECDSA P-256 private key");
  }

  @Test
  void keySource_fileOptionOrEnvironment_withContentOrPath() throws Exception {
    KeyPair kp = p256();
    Path file = tmp.resolve("k.pem");
    Files.writeString(file, sec1(kp));
    String fp = VerifyingKey.parse(pem(kp.getPublic()), "p").fingerprint();
    assertThat(KeySource.load(Optional.of(file), Map.of()).get().verifyingKey().fingerprint())
        .isEqualTo(fp);
    assertThat(KeySource.load(Optional.empty(), Map.of(KeySource.KEY_ENV, file.toString())))
        .get()
        .extracting(k -> k.verifyingKey().fingerprint())
        .isEqualTo(fp);
    assertThat(KeySource.load(Optional.empty(), Map.of(KeySource.KEY_ENV, sec1(kp))))
        .get()
        .extracting(k -> k.verifyingKey().fingerprint())
        .isEqualTo(fp);
    assertThat(KeySource.load(Optional.empty(), Map.of())).isEmpty();
    assertThatThrownBy(() -> KeySource.load(Optional.of(tmp.resolve("nope.pem")), Map.of()))
        .hasMessageStartingWith(tmp.resolve("nope.pem") + ": cannot read the key file");
  }

  @Test
  void dsseStyleSignature_overData_verifies() throws Exception {
    KeyPair kp = p256();
    SigningKey k = SigningKey.load(sec1(kp), "k", Optional.empty());
    byte[] sig = k.sign("payload".getBytes());
    assertThat(k.verifyingKey().verifies("payload".getBytes(), sig)).isTrue();
    assertThat(k.verifyingKey().verifies("payloaD".getBytes(), sig)).isFalse();
  }
}
