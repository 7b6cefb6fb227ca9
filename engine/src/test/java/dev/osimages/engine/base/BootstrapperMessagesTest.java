package dev.osimages.engine.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapperMessagesTest {
  @Test
  void missingArchiveKey_isSaidInOneLine() {
    List<String> tail =
        List.of(
            "Err:1 http://example.invalid/ubuntu noble InRelease",
            "  The following signatures couldn't be verified because the public key is not"
                + " available: NO_PUBKEY 871920D1991BC93C",
            "E: mmdebstrap failed to run");
    assertThat(Bootstrapper.missingKey(tail))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("signed with key 871920D1991BC93C")
                    .contains("archive keyring"));
  }

  @Test
  void otherFailures_getNoKeyHint() {
    assertThat(Bootstrapper.missingKey(List.of("E: Unable to locate package nosuch"))).isEmpty();
  }
}
