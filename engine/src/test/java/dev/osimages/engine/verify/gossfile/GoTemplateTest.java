package dev.osimages.engine.verify.gossfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.CaseFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The template interpreter against Go's own text/template. Each folder under {@code
 * src/test/resources/gotemplate/} holds a template, optional vars, and what Go 1.19 made of them
 * ({@code render.go} there wrote it): {@code expected.txt}, the output, which must match byte for
 * byte; or {@code error.txt}, Go's error, whose line the engine's error must name, with the same
 * message (one may extend the other: Go adds type details, the engine says where a block began). A
 * {@code note.txt} says why a case's wording differs on purpose; then only the line is compared.
 */
class GoTemplateTest {
  private static final Path CASES = Path.of("src/test/resources/gotemplate");
  private static final Pattern GO_ERROR =
      Pattern.compile(
          "template: goss\\.yaml:(\\d+)(?::\\d+)?: (?:executing \"goss\\.yaml\" at <.*?>: )?(.*)\n");
  private static final Pattern OUR_ERROR = Pattern.compile("goss\\.yaml:(\\d+): (.*)");

  static Stream<String> cases() throws IOException {
    return CaseFolders.names(CASES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersAsGoTextTemplateDoes(String name) throws Exception {
    Path dir = CASES.resolve(name);
    String template = Files.readString(dir.resolve("template.txt"));
    Path varsFile = dir.resolve("vars.json");
    Map<String, Object> data =
        Map.of(
            "Env",
            Map.of("ROLE", "router", "EMPTY", ""),
            "Vars",
            Files.exists(varsFile) ? VarsFile.load(varsFile) : Map.of());
    Path expected = dir.resolve("expected.txt");
    if (Files.exists(expected)) {
      assertThat(GoTemplate.render("goss.yaml", template, data))
          .isEqualTo(Files.readString(expected));
      return;
    }
    Matcher go = GO_ERROR.matcher(Files.readString(dir.resolve("error.txt")));
    assertThat(go.matches()).as("error.txt is Go's error").isTrue();
    assertThatThrownBy(() -> GoTemplate.render("goss.yaml", template, data))
        .isInstanceOf(TemplateException.class)
        .satisfies(
            e -> {
              Matcher ours = OUR_ERROR.matcher(e.getMessage());
              assertThat(ours.matches()).as(e.getMessage()).isTrue();
              assertThat(ours.group(1)).as("line of " + e.getMessage()).isEqualTo(go.group(1));
              if (!Files.exists(dir.resolve("note.txt"))) {
                assertThat(
                        go.group(2).startsWith(ours.group(2))
                            || ours.group(2).startsWith(go.group(2)))
                    .as("'%s' against Go's '%s'", ours.group(2), go.group(2))
                    .isTrue();
              }
            });
  }
}
