package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.ShippedTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine diff --base} on a temporary git repository with two commits. */
class DiffCommandTest {
  @TempDir Path repo;

  @BeforeEach
  void twoCommits() throws Exception {
    ShippedTree.copyTo(repo);
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "one");
    String yaml = Files.readString(repo.resolve("images.yaml"));
    // debian/13's kernel series only (almalinux/10 has the same value).
    String changed =
        yaml.replace(
            "linux-image-6.12.101+deb13-amd64\n          KERNEL_SERIES: \"6.12\"",
            "linux-image-6.12.101+deb13-amd64\n          KERNEL_SERIES: \"6.13\"");
    assertThat(changed).isNotEqualTo(yaml);
    Files.writeString(repo.resolve("images.yaml"), changed);
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qam", "two");
  }

  @Test
  void diff_showsChangedCellsTheirArgsAndDockerfileDiffs() {
    Cli r =
        Cli.run(
            "diff",
            "--base",
            "HEAD~1",
            "--profile",
            "distro",
            "-f",
            repo.resolve("images.yaml").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("profile distro (only the distro archives");
    assertThat(r.out()).contains("\n0 added, 0 removed, ");
    assertThat(r.out())
        .contains("changed debian/13 (input ", "arg KERNEL_SERIES: 6.12 -> 6.13")
        .contains("changed firewall/3.0-debian", "changed debian-nvidia/13")
        .doesNotContain("changed debian/12", "changed ubuntu/24.04");
  }

  @Test
  void diff_markdownIsReadyForAPullRequestComment() {
    Cli r =
        Cli.run(
            "diff",
            "--base",
            "HEAD~1",
            "--format",
            "markdown",
            "-f",
            repo.resolve("images.yaml").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("### Image changes against `HEAD~1`")
        .contains(
            "| `debian/13` | changed |", "| `KERNEL_SERIES` | `6.12` | `6.13` |", "<details>");
  }

  @Test
  void diff_againstTheSameRevisionHasNoChanges() {
    Cli r = Cli.run("diff", "--base", "HEAD", "-f", repo.resolve("images.yaml").toString());
    assertThat(r.out()).isEqualTo("No image changes against HEAD.\n");
  }

  @Test
  void diff_unknownRefIsOneClearError() {
    Cli r =
        Cli.run(
            "diff",
            "--base",
            "nope",
            "--profile",
            "distro",
            "-f",
            repo.resolve("images.yaml").toString());
    assertThat(r.code()).isEqualTo(ExitCode.FAILED.code());
    assertThat(r.err()).contains("engine: diff --base nope: 'nope' names no commit in ");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void diff_aProfileTheBaseLacks_plansTheBaseWithoutOne_andSaysSo() throws Exception {
    Path yaml = repo.resolve("images.yaml");
    Files.writeString(
        yaml,
        Files.readString(yaml)
            .replace(
                "profiles:\n  distro:", "profiles:\n  offline:\n    description: x\n  distro:"));
    Cli r = Cli.run("diff", "--base", "HEAD", "--profile", "offline", "-f", yaml.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("profile offline (x); HEAD does not declare it: its cells have no profile\n");
  }

  private void git(String... args) throws Exception {
    Process p =
        new ProcessBuilder(Stream.concat(Stream.of("git"), Stream.of(args)).toList())
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }
}
