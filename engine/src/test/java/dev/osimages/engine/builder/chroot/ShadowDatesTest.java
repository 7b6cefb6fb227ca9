package dev.osimages.engine.builder.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShadowDatesTest {
  @Test
  void lastChangeAfterTheEpochsDay_isClamped_restKeptByteForByte() {
    String shadow =
        "root:*:20790:0:99999:7:::\n"
            + "daemon:*:20000:0:99999:7:::\n"
            + "metal:$y$j9T$salt$hash:20791:0:99999:7:::\n"
            + "odd:!::0:99999:7:::\n"
            + "# not an entry\n";
    assertThat(ShadowDates.clampText(shadow, 20787))
        .isEqualTo(
            "root:*:20787:0:99999:7:::\n"
                + "daemon:*:20000:0:99999:7:::\n"
                + "metal:$y$j9T$salt$hash:20787:0:99999:7:::\n"
                + "odd:!::0:99999:7:::\n"
                + "# not an entry\n");
  }

  @Test
  void nothingAfterTheEpoch_leavesTheTextAsItIs() {
    String shadow = "root:*:20000:0:99999:7:::";
    assertThat(ShadowDates.clampText(shadow, 20787)).isEqualTo(shadow);
  }
}
