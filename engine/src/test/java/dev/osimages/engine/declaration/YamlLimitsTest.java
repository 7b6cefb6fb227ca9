package dev.osimages.engine.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.model.Problem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlLimitsTest {
  private static Optional<String> check(String yaml) {
    return YamlLimits.check(yaml, "f.yaml").map(Problem::format);
  }

  @Test
  void ordinaryDocuments_andAliasesThatStaySmall_pass() {
    assertThat(check("a: &x {b: [1, 2]}\nc: *x\nd: [*x, *x]\n")).isEmpty();
    assertThat(check("")).isEmpty();
  }

  @Test
  void aBomb_isNamedAtTheAliasThatCrossesTheLimit() {
    // 10 scalars, then each level lists the one before 10 times: 11, 111, 1111, ...
    StringBuilder yaml = new StringBuilder("l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
    for (int i = 1; i < 8; i++) {
      yaml.append("l").append(i).append(": &l").append(i).append(" [");
      yaml.append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1))));
      yaml.append("]\n");
    }
    // Up to l3's line: the root mapping, 4 keys, 4 lists and 10+110+1110+11110 values expanded:
    // 12349; l4's key and list make 12351, each *l3 adds 11111, so the eighth crosses 100000.
    // "l4: &l4 [" is 9 characters and each "*l3, " 5: the eighth starts at column 10 + 7 * 5.
    assertThat(check(yaml.toString()))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .startsWith(
                        "f.yaml:5:45: the alias *l3 expands the document to more than 100000"
                            + " values"));
  }

  @Test
  void nesting_isCountedAcrossLinesAndFlowStyle() {
    String deep = "a:\n  b: " + "[".repeat(49) + "]".repeat(49) + "\n";
    assertThat(check(deep)).as("50 levels: the root mapping, a's and 48 lists").isPresent();
    String fits = "a: " + "[".repeat(49) + "]".repeat(49) + "\n";
    assertThat(check(fits)).as("exactly 50").isEmpty();
    assertThat(check(deep))
        .hasValue(
            "f.yaml:2:54: lists and mappings are nested more than 50 levels deep here; no file the"
                + " engine reads needs that");
  }

  @Test
  void nestingThroughAliases_countsWhatTheAliasStandsFor() {
    StringBuilder yaml = new StringBuilder("a0: &a0 " + "[".repeat(10) + "]".repeat(10) + "\n");
    for (int i = 1; i < 6; i++) {
      yaml.append("a")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [[[[[[[[[[*a")
          .append(i - 1)
          .append("]]]]]]]]]]\n");
    }
    assertThat(check(yaml.toString()))
        .hasValueSatisfying(m -> assertThat(m).startsWith("f.yaml:5:19: the alias *a3 nests"));
  }

  @Test
  void recursiveAndUndefinedAliases_andSyntaxErrors_areLeftToTheLoader() {
    assertThat(check("a: &x [*x]\n")).isEmpty();
    assertThat(check("a: *nope\n")).isEmpty();
    assertThat(check("a: [1, 2\n")).isEmpty();
  }
}
