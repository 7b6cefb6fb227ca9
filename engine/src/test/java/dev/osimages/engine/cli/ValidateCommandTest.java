package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.ShippedTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  /** The repository's images.yaml in {@code dir}, with everything it names. */
  private Path shippedWithFiles() throws IOException {
    return ShippedTree.copyTo(dir);
  }

  @Test
  void validate_shippedDeclaration_printsSummaryAndExits0() throws IOException {
    Path file = shippedWithFiles();

    int code = run("validate", "--profile", "distro", "-f", file.toString());

    assertThat(err.toString().lines()).allMatch(l -> l.contains("capms-ubuntu/1.32.9"));
    assertThat(out.toString()).isEqualTo(file + ": valid (3 distros, 3 variants, 10 cells)\n");
    assertThat(code).isEqualTo(ExitCode.OK.code());
  }

  @Test
  void validate_longOption_andWarningsGoToStderr() throws IOException {
    Path file = shippedWithFiles();
    Files.writeString(
        file,
        Files.readString(file).replace("[\"almalinux/*\"]", "[\"almalinux/*\", \"rocky/*\"]"));

    int code = run("validate", "--file", file.toString());

    assertThat(code).isEqualTo(ExitCode.OK.code());
    assertThat(err.toString())
        .contains(": warning: tests[2].images[1]: 'rocky/*' matches no image\n");
    assertThat(out.toString()).endsWith(": valid (3 distros, 3 variants, 10 cells)\n");
  }

  @Test
  void validate_missingFile_exits2WithTheNameAsGiven() {
    int code = run("validate", "-f", "nowhere/images.yaml");

    assertThat(code).isEqualTo(ExitCode.INVALID.code());
    assertThat(err.toString())
        .isEqualTo("nowhere/images.yaml: no such file\n1 error; nothing was written.\n");
  }
}
