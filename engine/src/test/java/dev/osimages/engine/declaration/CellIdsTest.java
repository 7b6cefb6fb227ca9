package dev.osimages.engine.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellIdsTest {
  @Test
  void variantId_replacesBasePlaceholders() {
    assertThat(CellIds.variantId("firewall", "3.0-${base.os}", "ubuntu/24.04"))
        .isEqualTo("firewall/3.0-ubuntu");
    assertThat(CellIds.variantId("debian-nvidia", "${base.version}", "debian/13"))
        .isEqualTo("debian-nvidia/13");
    assertThat(CellIds.variantId("x", "1", "debian/13")).isEqualTo("x/1");
  }

  @Test
  void placeholderProblems_namesUnknownAndUnbalancedPlaceholders() {
    assertThat(CellIds.placeholderProblems("${base.os}-${base.version}")).isEmpty();
    assertThat(CellIds.placeholderProblems("${os}"))
        .containsExactly("unknown placeholder ${os} (expected ${base.os} or ${base.version})");
    assertThat(CellIds.placeholderProblems("1-${base.os")).hasSize(1);
    assertThat(CellIds.placeholderProblems("1-$base")).hasSize(1);
  }

  @Test
  void isValidVersion_requiresOnePathSegment() {
    assertThat(CellIds.isValidVersion("3.0-ubuntu")).isTrue();
    assertThat(CellIds.isValidVersion("a/b")).isFalse();
    assertThat(CellIds.isValidVersion("..")).isFalse();
    assertThat(CellIds.isValidVersion("-1")).isFalse();
  }

  @Test
  void cellGlob_starStaysInOneSegment() {
    assertThat(CellGlob.of("debian/*").matches("debian/13")).isTrue();
    assertThat(CellGlob.of("debian/*").matches("debian-nvidia/13")).isFalse();
    assertThat(CellGlob.of("debian*/*").matches("debian-nvidia/13")).isTrue();
    assertThat(CellGlob.of("*").matches("debian/13")).isFalse();
    assertThat(CellGlob.of("**").matches("debian/13")).isTrue();
    assertThat(CellGlob.of("ubuntu/2?.04").matches("ubuntu/24.04")).isTrue();
    assertThat(CellGlob.of("ubuntu/24.04").matches("ubuntu/24x04")).isFalse();
  }
}
