package dev.osimages.engine.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectionTest {
  @ParameterizedTest
  @CsvSource({
    "debian/*, debian/13, true",
    "debian/*, debian-nvidia/13, false",
    "debian*/*, debian-nvidia/13, true",
    "*/13, debian/13, true",
    "firewall/3.0-*, firewall/3.0-ubuntu, true",
    "**, firewall/3.0-ubuntu, true",
    "debian/1?, debian/13, true",
    "debian/1?, debian/1, false",
    "ubuntu/24.04, ubuntu/24x04, false",
    "debian, debian/13, false"
  })
  void matches_followsSegmentGlobRules(String glob, String id, boolean expected) {
    assertThat(dev.osimages.engine.declaration.CellGlob.of(glob).matches(id)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void selection_reportsOnlyGlobsMatchingNothing() {
    Selection s = Selection.of(List.of("debian/*", "debain/*"), List.of());
    assertThat(s.unmatched(List.of("debian/13"))).containsExactly("debain/*");
  }
}
