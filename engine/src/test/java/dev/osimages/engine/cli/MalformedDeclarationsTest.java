package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.CaseFolders;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed corpus: each folder under {@code src/test/resources/malformed/} holds an
 * images.yaml (plus the files it names) and {@code expected.txt}, the exact stderr of {@code engine
 * validate -f <that file>} with {@code @FILE@} standing for the path as given. Runs the real
 * command line in-process and checks the exit code, the whole message and that no stack trace
 * leaks.
 */
class MalformedDeclarationsTest {
  private static final Path CORPUS = corpus();

  static Stream<String> cases() throws IOException {
    return CaseFolders.names(CORPUS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validate_malformedDeclaration_printsAllProblemsAndExits2(String name) throws IOException {
    Path dir = CORPUS.resolve(name);
    String file = dir.resolve("images.yaml").toString();
    String expected =
        Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8)
            .replace("@FILE@", file);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "validate", "-f", file);

    assertThat(err.toString()).isEqualTo(expected);
    assertThat(code).isEqualTo(ExitCode.INVALID.code());
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** The corpus as a path relative to the working directory, as an operator would type it. */
  private static Path corpus() {
    Path fromModule = Path.of("src/test/resources/malformed");
    return Files.isDirectory(fromModule)
        ? fromModule
        : Path.of("engine/src/test/resources/malformed");
  }
}
