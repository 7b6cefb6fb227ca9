package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify command line's errors and exit codes (the real runs are in the verify ITs). */
class VerifyCommandTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void templateError_exits78_namingFileLine() throws Exception {
    Path g = dir.resolve("goss.yaml");
    Files.writeString(g, "file:\n  {{ .Vars.nope }}:\n    exists: true\n");
    String[] r = run("verify", "--rootfs", dir.toString(), "-g", g.toString());
    assertThat(r[0]).isEqualTo("78");
    assertThat(r[2]).contains("goss.yaml:2: map has no entry for key \"nope\"");
  }

  @Test
  void varsFile_feedsTemplates_andZeroTestsIsALoadError() throws Exception {
    Path g = dir.resolve("goss.yaml");
    Files.writeString(g, "{{ if .Vars.on }}file:\n  /etc: {exists: true}\n{{ end }}");
    Path vars = dir.resolve("vars.yaml");
    Files.writeString(vars, "on: false\n");
    String[] r =
        run("verify", "--rootfs", dir.toString(), "-g", g.toString(), "--vars", vars.toString());
    assertThat(r[0]).isEqualTo("78");
    assertThat(r[2]).contains("found 0 tests");
  }

  @Test
  void byId_unknownCellIsAnErrorNamingTheDeclaration() {
    String[] r = run("verify", "nosuch/1", "-f", "../images.yaml");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("'nosuch/1' matches no cell of ../images.yaml");
  }

  @Test
  void byIdWithRootfs_verifiesThatTree_insteadOfBuildingTheCell() {
    Path missing = dir.resolve("unpacked-set");
    String[] r = run("verify", "debian/13", "--rootfs", missing.toString(), "-f", "../images.yaml");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains(missing + ": not a directory (the image root filesystem)");
  }

  @Test
  void neitherIdNorRootfs_exit2() {
    String[] r = run("verify", "-f", "../images.yaml");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("give a cell ID, or --rootfs DIR --gossfile FILE");
  }

  @Test
  void badFormatOrDuration_exit2() throws Exception {
    Path g = dir.resolve("goss.yaml");
    Files.writeString(g, "file:\n  /etc: {exists: true}\n");
    assertThat(run("verify", "--rootfs", dir.toString(), "-g", g.toString(), "-o", "nagios")[0])
        .isEqualTo("2");
    assertThat(run("verify", "--rootfs", dir.toString(), "-g", g.toString(), "--sleep", "soon")[2])
        .contains("Invalid value for option '--sleep': invalid duration \"soon\"");
  }
}
