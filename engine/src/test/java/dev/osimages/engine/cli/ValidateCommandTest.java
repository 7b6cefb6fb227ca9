package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  /** The repository's images.yaml in {@code dir}, with stand-ins for the files it names. */
  private Path shippedWithFiles() throws IOException {
    Path shipped =
        Files.exists(Path.of("../images.yaml"))
            ? Path.of("../images.yaml")
            : Path.of("images.yaml");
    Path file = dir.resolve("images.yaml");
    Files.copy(shipped, file);
    for (String t : List.of("debian", "ubuntu", "almalinux", "firewall", "nvidia")) {
      Files.createDirectories(dir.resolve("templates"));
      Files.writeString(dir.resolve("templates/" + t + ".Dockerfile.mustache"), "FROM x\n");
    }
    for (String c : List.of("common", "debian", "ubuntu", "almalinux", "firewall", "nvidia")) {
      Files.createDirectories(dir.resolve("contexts/" + c));
    }
    Files.createDirectories(dir.resolve("goss"));
    Files.writeString(dir.resolve("goss/machine.yaml"), "{}\n");
    Files.writeString(dir.resolve("goss/firewall.yaml"), "{}\n");
    return file;
  }

  @Test
  void validate_shippedDeclaration_printsSummaryAndExits0() throws IOException {
    Path file = shippedWithFiles();

    int code = run("validate", "-f", file.toString());

    assertThat(err.toString()).isEmpty();
    assertThat(out.toString()).isEqualTo(file + ": valid (3 distros, 2 variants, 9 cells)\n");
    assertThat(code).isEqualTo(ExitCodes.OK);
  }

  @Test
  void validate_longOption_andWarningsGoToStderr() throws IOException {
    Path file = shippedWithFiles();
    Files.writeString(file, Files.readString(file).replace("\"almalinux/*\"", "\"rocky/*\""));

    int code = run("validate", "--file", file.toString());

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(err.toString())
        .contains(": warning: tests[0].images[2]: 'rocky/*' matches no image\n");
    assertThat(out.toString()).endsWith(": valid (3 distros, 2 variants, 9 cells)\n");
  }

  @Test
  void validate_missingFile_exits2WithTheNameAsGiven() {
    int code = run("validate", "-f", "nowhere/images.yaml");

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString())
        .isEqualTo("nowhere/images.yaml: no such file\n1 error; nothing was written.\n");
  }
}
