package dev.osimages.engine.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AptIndexTest {
  private static final String FPR = "F6ECB3762474EDA9D21B7022871920D1991BC93C";
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @Test
  void releaseSha256_readsOnlyTheSha256Section() {
    String release =
        String.join(
            "\n",
            "Origin: Ubuntu",
            "MD5Sum:",
            " " + "c".repeat(32) + " 10 main/binary-amd64/Packages.gz",
            "SHA256:",
            " " + A + " 1808488 main/binary-amd64/Packages.gz",
            " " + B + " 7165069 main/binary-amd64/Packages",
            "Acquire-By-Hash: yes");
    assertThat(AptIndex.releaseSha256(release, "main/binary-amd64/Packages.gz")).hasValue(A);
    assertThat(AptIndex.releaseSha256(release, "main/binary-amd64/Packages")).hasValue(B);
    assertThat(AptIndex.releaseSha256(release, "universe/binary-amd64/Packages.gz")).isEmpty();
  }

  @Test
  void stanza_findsThePackage_ignoringContinuationLines() throws IOException {
    String packages =
        String.join(
            "\n",
            "Package: apt",
            "Version: 2.7.14",
            "",
            "Package: ubuntu-keyring",
            "Version: 2023.11.28.1",
            "Description: GnuPG keys of the Ubuntu archive",
            " Filename: pool/evil.deb",
            "Filename: pool/main/u/ubuntu-keyring/ubuntu-keyring_2023.11.28.1_all.deb",
            "SHA256: " + A,
            "",
            "Package: zsh",
            "");
    var s = AptIndex.stanza(in(packages), "ubuntu-keyring").orElseThrow();
    assertThat(s.get("Filename"))
        .isEqualTo("pool/main/u/ubuntu-keyring/ubuntu-keyring_2023.11.28.1_all.deb");
    assertThat(s.get("SHA256")).isEqualTo(A);
    assertThat(AptIndex.stanza(in(packages), "zsh")).isPresent();
    assertThat(AptIndex.stanza(in(packages), "ubuntu")).isEmpty();
  }

  @Test
  void signature_goodByThePinnedKey_passes() {
    assertThat(
            AptIndex.signatureProblem(
                status("GOODSIG 871920D1991BC93C Ubuntu", validsig(FPR)), FPR))
        .isEmpty();
  }

  @Test
  void signature_byAnotherKey_fails() {
    String other = "790BC7277767219C42C86F933B4FE6ACC0B21F32";
    assertThat(AptIndex.signatureProblem(status(validsig(other)), FPR))
        .hasValue("is not signed by that key");
    assertThat(AptIndex.signatureProblem(status("NO_PUBKEY 871920D1991BC93C"), FPR))
        .hasValue("is not signed by that key");
  }

  @Test
  void signature_badOrExpired_fails() {
    assertThat(
            AptIndex.signatureProblem(status("BADSIG 871920D1991BC93C Ubuntu", validsig(FPR)), FPR))
        .hasValueSatisfying(p -> assertThat(p).contains("bad signature"));
    assertThat(
            AptIndex.signatureProblem(
                status("EXPKEYSIG 871920D1991BC93C Ubuntu", validsig(FPR)), FPR))
        .hasValueSatisfying(p -> assertThat(p).contains("expired or revoked"));
  }

  private static String validsig(String fpr) {
    return "VALIDSIG " + fpr + " 2024-04-25 1714057881 0 4 0 1 10 01 " + fpr;
  }

  private static List<String> status(String... lines) {
    return java.util.Arrays.stream(lines).map(l -> "[GNUPG:] " + l).toList();
  }

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
