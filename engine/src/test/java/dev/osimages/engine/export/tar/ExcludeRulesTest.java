package dev.osimages.engine.export.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExcludeRulesTest {
  private final ExcludeRules.Matcher m =
      ExcludeRules.defaults(List.of("/var/cache/apt/**")).matcher();

  @Test
  void defaults_excludeContents_butKeepTheDirectories() {
    assertThat(m.excluded("/proc")).isFalse();
    assertThat(m.excluded("/proc/1")).isTrue();
    assertThat(m.excluded("/proc/1/status")).isTrue();
    assertThat(m.excluded("/tmp/x")).isTrue();
    assertThat(m.excluded("/etc/passwd")).isFalse();
  }

  @Test
  void defaults_keepTheDeviceNodesAnImageNeeds() {
    assertThat(m.excluded("/dev/null")).isFalse();
    assertThat(m.excluded("/dev/pts")).isFalse();
    assertThat(m.excluded("/dev/pts/0")).isTrue();
    assertThat(m.excluded("/dev/sda")).isTrue();
  }

  @Test
  void extraExcludes_apply() {
    assertThat(m.excluded("/var/cache/apt/pkgcache.bin")).isTrue();
    assertThat(m.excluded("/var/cache/apt")).isFalse();
  }

  @Test
  void relativePattern_isRefused_namingIt() {
    assertThatThrownBy(() -> ExcludeRules.defaults(List.of("var/**")).matcher())
        .hasMessageContaining("'var/**'");
  }
}
