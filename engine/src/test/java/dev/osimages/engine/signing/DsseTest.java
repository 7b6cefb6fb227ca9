package dev.osimages.engine.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class DsseTest {
  private static SigningKey key(KeyPair kp) throws Exception {
    return SigningKey.load(SigningKeyTest.sec1(kp), "test", Optional.empty());
  }

  @Test
  void pae_isTheSpecsEncoding() {
    // The example of the DSSE protocol document.
    assertThat(
            new String(
                Dsse.pae(
                    "http://example.com/HelloWorld",
                    "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void envelope_isSignedOverThePae_opensWithItsKeyOnly() throws Exception {
    KeyPair kp = SigningKeyTest.p256();
    SigningKey key = key(kp);
    byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    Map<String, Object> env = Dsse.envelope(Dsse.IN_TOTO, payload, key);
    byte[] json = new JSONObject(env).toString().getBytes(StandardCharsets.UTF_8);

    // The JDK's own ECDSA accepts the signature over the PAE.
    Signature jdk = Signature.getInstance("SHA256withECDSA");
    jdk.initVerify(kp.getPublic());
    jdk.update(Dsse.pae(Dsse.IN_TOTO, payload));
    @SuppressWarnings("unchecked")
    var sigs = (java.util.List<Map<String, Object>>) env.get("signatures");
    assertThat(jdk.verify(Base64.getDecoder().decode((String) sigs.get(0).get("sig")))).isTrue();

    assertThat(Dsse.open(json, Dsse.IN_TOTO, key.verifyingKey())).contains(payload);
    assertThat(Dsse.open(json, Dsse.IN_TOTO, key(SigningKeyTest.p256()).verifyingKey())).isEmpty();
    assertThat(Dsse.open(json, "text/plain", key.verifyingKey())).isEmpty();
    JSONObject tampered = new JSONObject(env);
    tampered.put(
        "payload",
        Base64.getEncoder().encodeToString("{\"a\":2}".getBytes(StandardCharsets.UTF_8)));
    assertThat(
            Dsse.open(
                tampered.toString().getBytes(StandardCharsets.UTF_8),
                Dsse.IN_TOTO,
                key.verifyingKey()))
        .isEmpty();
    assertThat(Dsse.open("not json".getBytes(), Dsse.IN_TOTO, key.verifyingKey())).isEmpty();
  }

  @Test
  void signatures_areDeterministic_andVerify() throws Exception {
    SigningKey key = key(SigningKeyTest.p256());
    String digest = "ab".repeat(32);
    byte[] first = key.signDigest(digest);
    assertThat(key.signDigest(digest)).isEqualTo(first);
    assertThat(key.verifyingKey().verifiesDigest(digest, first)).isTrue();
    assertThat(key.signDigest("cd".repeat(32))).isNotEqualTo(first);
    byte[] data = "data".getBytes(StandardCharsets.UTF_8);
    assertThat(key.sign(data)).isEqualTo(key.sign(data));
    assertThat(key.verifyingKey().verifies(data, key.sign(data))).isTrue();
  }
}
