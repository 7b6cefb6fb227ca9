package dev.osimages.engine.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Fixtures under {@code keys/}: two keys made with gpg for this test (an ed25519 one, an RSA one),
 * exported together and one by one; the fingerprints are what gpg printed for them.
 */
class OpenPgpKeysTest {
  private static final String ONE = "F2A0D2B8E55E2B0CB4CB9E6C157A9E07E509FA0B";
  private static final String TWO = "6878456F2B563154A5FD49965447200A16564DA0";

  @Test
  void fingerprints_areGpgsForEveryPrimaryKey() throws IOException {
    assertThat(OpenPgpKeys.fingerprints(fixture("two-keys.gpg"))).containsExactly(ONE, TWO);
  }

  @Test
  void select_returnsExactlyThatKeysPackets_asGpgExportsIt() throws IOException {
    byte[] both = fixture("two-keys.gpg");
    byte[] one = fixture("one.gpg");
    byte[] two = fixture("two.gpg");
    assertThat(OpenPgpKeys.select(both, ONE)).hasValueSatisfying(k -> assertThat(k).isEqualTo(one));
    assertThat(OpenPgpKeys.select(both, TWO.toLowerCase()))
        .hasValueSatisfying(k -> assertThat(k).isEqualTo(two));
  }

  @Test
  void select_unknownFingerprint_isEmpty() throws IOException {
    assertThat(OpenPgpKeys.select(fixture("two-keys.gpg"), "0".repeat(40))).isEmpty();
  }

  @Test
  void select_dropsTrustPackets() throws IOException {
    byte[] one = fixture("one.gpg");
    byte[] trust = {(byte) 0xb0, 2, 0, 0}; // old-format header, tag 12, one-byte length 2
    byte[] withTrust = Arrays.copyOf(one, one.length + trust.length);
    System.arraycopy(trust, 0, withTrust, one.length, trust.length);
    assertThat(OpenPgpKeys.select(withTrust, ONE))
        .hasValueSatisfying(k -> assertThat(k).isEqualTo(one));
  }

  @Test
  void truncatedKeyring_isRefused() throws IOException {
    byte[] one = fixture("one.gpg");
    assertThatThrownBy(() -> OpenPgpKeys.fingerprints(Arrays.copyOf(one, one.length - 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runs past the end");
  }

  @Test
  void armouredText_isRefused() {
    byte[] text = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n".getBytes();
    assertThatThrownBy(() -> OpenPgpKeys.fingerprints(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a packet header");
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = OpenPgpKeysTest.class.getResourceAsStream("/keys/" + name)) {
      return in.readAllBytes();
    }
  }
}
