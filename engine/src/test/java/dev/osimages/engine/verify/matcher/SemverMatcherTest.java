package dev.osimages.engine.verify.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code semver-constraint} against blang/semver v4, the library goss uses: every row of {@code
 * src/test/resources/semver/expected.tsv} is what {@code semver.go} there got from it (ParseRange,
 * then Parse of the version, as goss's matcher calls them), quirks included.
 */
class SemverMatcherTest {
  static Stream<Arguments> rows() throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/semver/expected.tsv")).stream()
        .map(l -> l.split("\t", -1))
        .map(f -> Arguments.of(f[0], f[1], f[2]));
  }

  @ParameterizedTest(name = "''{0}'' with {1}: {2}")
  @MethodSource("rows")
  void matchesBlangSemver(String constraint, String version, String expected) {
    SemverMatcher m = new SemverMatcher(constraint);
    switch (expected) {
      case "bad-range" ->
          assertThatThrownBy(() -> m.match(version))
              .isInstanceOf(MatchException.class)
              .hasMessageStartingWith("Expected a valid semver constraint.");
      case "bad-version" ->
          assertThatThrownBy(() -> m.match(version))
              .isInstanceOf(MatchException.class)
              .hasMessageStartingWith("Expected a single or list of semver valid version(s).");
      default -> {
        try {
          assertThat(m.match(version).success()).isEqualTo(Boolean.parseBoolean(expected));
        } catch (MatchException e) {
          throw new AssertionError(e.getMessage(), e);
        }
      }
    }
  }

  @Test
  void aListOfVersions_mustAllSatisfy_andReportsTheConstraint() throws MatchException {
    SemverMatcher m = new SemverMatcher(">=1.0.0");
    assertThat(m.match(List.of("1.0.0", "2.3.4")).success()).isTrue();
    Match failed = m.match(List.of("1.0.0", "0.9.0"));
    assertThat(failed.success()).isFalse();
    assertThat(failed.failure())
        .isEqualTo(
            MatcherResult.of(List.of("1.0.0", "0.9.0"), "to satisfy semver constraint", ">=1.0.0"));
    assertThat(failed.negatedFailure().message()).isEqualTo("not to satisfy semver constraint");
  }

  @Test
  void anEmptyListOrANonString_isNotAVersion() {
    assertThatThrownBy(() -> new SemverMatcher(">=1.0.0").match(List.of()))
        .hasMessageStartingWith("Expected a single or list of semver valid version(s).");
    assertThatThrownBy(() -> new SemverMatcher(">=1.0.0").match(1L))
        .hasMessageStartingWith("Expected a single or list of semver valid version(s).");
  }
}
