package dev.osimages.engine.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Keys and certificates a registry test makes with openssl: a CA and a server certificate for
 * 127.0.0.1 signed by it (the registry's TLS), and a self-signed key pair that signs bearer tokens.
 */
public final class TestPki {
  public final Path dir;

  private TestPki(Path dir) {
    this.dir = dir;
  }

  public static TestPki create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("server.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
            + "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n");
    sh(
        dir,
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            + " -keyout ca.key -out ca.crt -days 2 -subj /CN=osimages-test-ca"
            + " && openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            + " -keyout server.key -out server.csr -subj /CN=127.0.0.1"
            + " && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial"
            + " -out server.crt -days 2 -extfile server.ext"
            + " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            + " -keyout token.key -out token.crt -days 2 -subj /CN=osimages-test-token"
            + " && openssl pkcs8 -topk8 -nocrypt -in token.key -outform DER -out token.p8");
    return new TestPki(dir);
  }

  public Path caCert() {
    return dir.resolve("ca.crt");
  }

  public Path serverCert() {
    return dir.resolve("server.crt");
  }

  public Path serverKey() {
    return dir.resolve("server.key");
  }

  public Path tokenCert() {
    return dir.resolve("token.crt");
  }

  public PrivateKey tokenKey() throws Exception {
    byte[] der = Files.readAllBytes(dir.resolve("token.p8"));
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** The token certificate as the base64 DER a JWT's x5c header carries. */
  String tokenCertX5c() throws IOException {
    String pem = Files.readString(tokenCert(), StandardCharsets.US_ASCII);
    String b64 =
        pem.replace("-----BEGIN CERTIFICATE-----", "")
            .replace("-----END CERTIFICATE-----", "")
            .replaceAll("\\s", "");
    Base64.getDecoder().decode(b64); // must be valid
    return b64;
  }

  public static String sh(Path dir, String script) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("sh", "-c", script)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(script + " exited " + p.exitValue() + ":\n" + out);
    }
    return out;
  }
}
