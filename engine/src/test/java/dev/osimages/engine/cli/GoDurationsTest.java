package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationsTest {
  @Test
  void goStyleAndWholeSeconds() {
    assertThat(GoDurations.parse("--x", "150s")).isEqualTo(Duration.ofSeconds(150));
    assertThat(GoDurations.parse("--x", "1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDurations.parse("--x", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDurations.parse("--x", "10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(GoDurations.parse("--x", "600")).isEqualTo(Duration.ofSeconds(600));
    assertThat(GoDurations.parse("--x", "0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void anythingElse_namesTheOption() {
    for (String bad : new String[] {"", "10 m", "1.5", "-3s", "3d", "s"}) {
      assertThatThrownBy(() -> GoDurations.parse("--boot-timeout", bad))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("--boot-timeout: invalid duration \"" + bad + "\"");
    }
  }
}
