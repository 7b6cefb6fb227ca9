package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped images.yaml through the real command line. Rendered Dockerfiles are compared with
 * golden files under src/test/resources/golden; run with {@code -Dgolden.update=true} to rewrite
 * them after an intended template change, then review the diff.
 */
class ShippedDeclarationTest {
  static final Path DECLARATION = Path.of("..", "images.yaml");
  static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  static final List<String> IDS =
      List.of(
          "debian/12",
          "debian/13",
          "ubuntu/24.04",
          "ubuntu/26.04",
          "almalinux/9",
          "almalinux/10",
          "firewall/3.0-ubuntu",
          "firewall/3.0-debian",
          "debian-nvidia/13",
          "capms-ubuntu/1.32.9");

  @Test
  void validate_distroProfile_isValid_warningOnlyAboutCapmsWhichHasNoDistroFallback() {
    Cli r = Cli.run("validate", "--profile", "distro", "-f", DECLARATION.toString());
    assertThat(r.code()).isEqualTo(ExitCode.OK.code());
    assertThat(r.out()).isEqualTo("../images.yaml: valid (3 distros, 3 variants, 10 cells)\n");
    assertThat(r.err().lines())
        .hasSize(2)
        .allMatch(l -> l.contains("warning: variants.capms-ubuntu.args.KUBE_"))
        .allMatch(l -> l.contains("refused when built: capms-ubuntu/1.32.9 ("));
  }

  @Test
  void validate_withoutProfile_warnsAtEachEmptyPinNamingTheCellsItRefuses() {
    Cli r = Cli.run("validate", "-f", DECLARATION.toString());
    assertThat(r.code()).isEqualTo(ExitCode.OK.code());
    assertThat(r.err())
        .containsPattern(
            "\\.\\./images.yaml:\\d+:\\d+: warning: args.LLDPD_SHA256: LLDPD_URL"
                + " \\(https://github.com/metal-stack/go-lldpd/releases/download/v0.4.12/go-lldpd.tgz\\)"
                + " is not pinned: LLDPD_SHA256 is empty; refused when built: debian/12, debian/13,")
        .contains("args.FRR_KEY_FINGERPRINT: FRR_KEY_URL")
        .doesNotContain("CONTAINERD_KEY_URL");
  }

  @Test
  void profile_unknownIsAnErrorListingTheDeclaredOnes() {
    Cli r = Cli.run("plan", "--profile", "offline", "-f", DECLARATION.toString());
    assertThat(r.code()).isEqualTo(ExitCode.INVALID.code());
    assertThat(r.err())
        .startsWith("--profile: 'offline' is not a profile of ../images.yaml (profiles: distro)");
  }

  @Test
  void profile_isShownByPlan_andChangesTheHashOfTheCellsItReaches() {
    String none = Cli.run("plan", "-f", DECLARATION.toString()).out();
    Cli distro = Cli.run("plan", "--profile", "distro", "-f", DECLARATION.toString());
    assertThat(distro.code()).isZero();
    assertThat(distro.out()).startsWith("profile distro: only the distro archives");
    assertThat(none).doesNotContain("profile");
    String debian = distro.out().lines().filter(l -> l.contains(" debian/13 ")).findFirst().get();
    assertThat(none).doesNotContain(debian);
  }

  @Test
  void matrixJson_listsTheNineIdsInBuildOrder() {
    Cli r = Cli.run("matrix", "--format", "json", "-f", DECLARATION.toString());
    assertThat(r.code()).isZero();
    List<String> ids =
        r.out()
            .lines()
            .filter(l -> l.startsWith("    \"id\": "))
            .map(l -> l.replaceAll(".*\"id\": \"([^\"]+)\".*", "$1"))
            .toList();
    assertThat(ids).containsExactlyInAnyOrderElementsOf(IDS);
    assertThat(ids.indexOf("debian/13")).isLessThan(ids.indexOf("firewall/3.0-debian"));
    assertThat(ids.indexOf("ubuntu/24.04")).isLessThan(ids.indexOf("firewall/3.0-ubuntu"));
  }

  @Test
  void matrixGithub_isOneIncludeObjectPerCell() {
    Cli r =
        Cli.run(
            "matrix", "--format", "github", "--only", "firewall/*", "-f", DECLARATION.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "{\"include\":[{\"id\":\"firewall/3.0-ubuntu\",\"os\":\"firewall\",\"version\":\"3.0-ubuntu\","
                + "\"base\":\"ubuntu/24.04\",\"level\":1},{\"id\":\"firewall/3.0-debian\",\"os\":\"firewall\","
                + "\"version\":\"3.0-debian\",\"base\":\"debian/13\",\"level\":1}]}\n");
  }

  @Test
  void render_writesNineDockerfilesMatchingTheGoldenFiles(@TempDir Path out) throws IOException {
    Cli r = Cli.run("render", "--out", out.toString(), "-f", DECLARATION.toString());
    assertThat(r.code()).as(r.err()).isZero();
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(10);
    }
    boolean update = Boolean.getBoolean("golden.update");
    for (String id : IDS) {
      String rendered = Files.readString(out.resolve(id).resolve("Dockerfile"));
      Path golden = GOLDEN.resolve(id).resolve("Dockerfile");
      if (update) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, rendered);
      }
      assertThat(rendered)
          .as("rendered Dockerfile of %s vs %s", id, golden)
          .isEqualTo(Files.readString(golden));
    }
  }

  @Test
  void plan_listsBasesFirstAndMarksPulledInBases() {
    Cli r = Cli.run("plan", "--only", "firewall/3.0-debian", "-f", DECLARATION.toString());
    assertThat(r.code()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(1)).contains("debian/13 (base)", "bootstrap:trixie/minbase");
    assertThat(lines.get(2)).contains("firewall/3.0-debian", "cell:debian/13");
    assertThat(lines).hasSize(3);
  }

  @Test
  void set_overridesAnArgAndChangesTheHashOfEveryCellUsingIt() {
    String before = Cli.run("plan", "-f", DECLARATION.toString()).out();
    String after = Cli.run("plan", "--set", "TIMEZONE=UTC", "-f", DECLARATION.toString()).out();
    assertThat(after).isNotEqualTo(before);
    assertThat(after.lines().filter(l -> before.contains(l)).count()).isEqualTo(1); // header only
  }

  @Test
  void only_matchingNothingIsAnErrorNamingTheGlob() {
    Cli r = Cli.run("matrix", "--only", "debain/*", "-f", DECLARATION.toString());
    assertThat(r.code()).isEqualTo(ExitCode.INVALID.code());
    assertThat(r.err()).startsWith("--only: 'debain/*' matches no cell of ../images.yaml");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void set_withoutEqualsIsAnInvalidCommandLine() {
    Cli r = Cli.run("plan", "--set", "ADMIN_USER", "-f", DECLARATION.toString());
    assertThat(r.code()).isEqualTo(ExitCode.INVALID.code());
    assertThat(r.err())
        .startsWith(
            "engine: Value for option '--set' (KEY=VALUE) should be in KEY=VALUE format but was"
                + " ADMIN_USER\n");
  }

  @Test
  void channel_malformedIsAnInvalidCommandLine() {
    Cli r = Cli.run("matrix", "--channel", "pr:abc", "-f", DECLARATION.toString());
    assertThat(r.code()).isEqualTo(ExitCode.INVALID.code());
    assertThat(r.err()).contains("expected stable, pr:<number>-<branch> or release:<YYYYMMDD>");
  }

  @Test
  void unknownCommand_exitsInvalidWithAHint() {
    Cli r = Cli.run("valdate");
    assertThat(r.code()).isEqualTo(ExitCode.INVALID.code());
    assertThat(r.err()).contains("Unmatched argument", "validate");
  }

  @Test
  void completion_printsABashScriptNamingTheCommands() {
    Cli r = Cli.run("completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F", "validate", "matrix", "render", "plan", "diff");
  }

  @Test
  void everyCommandHasHelp() {
    for (String c :
        List.of("validate", "matrix", "render", "plan", "diff", "release", "export", "checksum")) {
      Cli r = Cli.run(c, "--help");
      assertThat(r.code()).as(c).isZero();
      assertThat(r.out()).as(c).startsWith("Usage: engine " + c);
    }
  }
}
