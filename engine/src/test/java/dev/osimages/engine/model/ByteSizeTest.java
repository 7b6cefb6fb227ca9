package dev.osimages.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
  @Test
  void parse_unitsArePowersOf1024() {
    assertThat(ByteSize.parse("500M")).isEqualTo(500L << 20);
    assertThat(ByteSize.parse("8G")).isEqualTo(8L << 30);
    assertThat(ByteSize.parse("2T")).isEqualTo(2L << 40);
    assertThat(ByteSize.parse("3k")).isEqualTo(3072);
  }

  @Test
  void parse_bytesWithoutUnit_fractionsAndSuffixes() {
    assertThat(ByteSize.parse("1048576")).isEqualTo(1048576);
    assertThat(ByteSize.parse("1.5G")).isEqualTo(3L << 29);
    assertThat(ByteSize.parse("12GiB")).isEqualTo(12L << 30);
    assertThat(ByteSize.parse("12GB")).isEqualTo(12L << 30);
    assertThat(ByteSize.parse("100B")).isEqualTo(100);
  }

  @Test
  void parse_notASize_saysWhatWasExpected() {
    assertThatThrownBy(() -> ByteSize.parse("8 gigabytes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'8 gigabytes' is not a size")
        .hasMessageContaining("e.g. 8G");
    assertThatThrownBy(() -> ByteSize.parse("-1G")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ByteSize.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_beyondALong_isRefused() {
    assertThatThrownBy(() -> ByteSize.parse("99999999T"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void format_picksAReadableUnit() {
    assertThat(ByteSize.format(4096)).isEqualTo("4 KiB");
    assertThat(ByteSize.format(5L << 20)).isEqualTo("5.0 MiB");
    assertThat(ByteSize.format(3L << 30)).isEqualTo("3.00 GiB");
  }
}
