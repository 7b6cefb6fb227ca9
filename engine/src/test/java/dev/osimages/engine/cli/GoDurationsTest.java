package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class GoDurationsTest {
  private final GoDurations durations = new GoDurations();

  @Test
  void goStyleAndWholeSeconds() {
    assertThat(durations.convert("150s")).isEqualTo(Duration.ofSeconds(150));
    assertThat(durations.convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(durations.convert("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(durations.convert("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(durations.convert("600")).isEqualTo(Duration.ofSeconds(600));
    assertThat(durations.convert("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void anythingElse_isAConversionErrorShowingTheValueAndTheForm() {
    for (String bad : new String[] {"", "10 m", "1.5", "-3s", "3d", "s", "1m30"}) {
      assertThatThrownBy(() -> durations.convert(bad))
          .isInstanceOf(TypeConversionException.class)
          .hasMessage(
              "invalid duration \"" + bad + "\" (e.g. 150s, 1m30s, 500ms, or whole seconds)");
    }
  }
}
