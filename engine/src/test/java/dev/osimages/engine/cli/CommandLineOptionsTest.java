package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.state.LockHolder;
import dev.osimages.engine.state.StateDir;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line as picocli parses it: typed options, their errors (exit 2, naming the option and
 * what it takes), the either-or groups, the shared options, and help texts picocli can format.
 */
class CommandLineOptionsTest {
  private static final String DECLARATION = "../images.yaml";

  @TempDir Path tmp;

  private static void assertInvalid(Cli r, String message) {
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.INVALID.code());
    assertThat(r.err()).startsWith("engine: " + message);
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void enumOptions_badValue_namesTheOptionAndEveryValue() {
    assertInvalid(
        Cli.run("build", "debian/13", "--backend", "podman"),
        "Invalid value for option '--backend': expected chroot, docker, got 'podman'");
    assertInvalid(
        Cli.run("run", "--matrix", "--backend", "podman"),
        "Invalid value for option '--backend': expected chroot, docker, got 'podman'");
    assertInvalid(
        Cli.run("run", "--matrix", "--target", "moon"),
        "Invalid value for option '--target': expected rootfs, boot, vm, got 'moon'");
    String[] verify = {"verify", "--rootfs", tmp.toString(), "-g", "goss.yaml"};
    assertInvalid(
        Cli.run(with(verify, "--target", "VM")),
        "Invalid value for option '--target': expected rootfs, boot, vm, got 'VM'");
    assertInvalid(
        Cli.run(with(verify, "-o", "nagios")),
        "Invalid value for option '--format': expected documentation, rspecish, json, junit,"
            + " tap, got 'nagios'");
    assertInvalid(
        Cli.run(with(verify, "--accel", "hvf")),
        "Invalid value for option '--accel': expected auto, kvm, tcg, got 'hvf'");
    assertInvalid(
        Cli.run(with(verify, "--hypervisor", "xen")),
        "Invalid value for option '--hypervisor': expected qemu, cloud-hypervisor, got 'xen'");
    assertInvalid(
        Cli.run("matrix", "--format", "yaml", "-f", DECLARATION),
        "Invalid value for option '--format': expected table, json, github, gitlab, got 'yaml'");
    assertInvalid(
        Cli.run(
            "export", tmp.toString(), tmp.resolve("out").toString(), "--package-manager", "apk"),
        "Invalid value for option '--package-manager': expected dpkg, rpm, none, got 'apk'");
  }

  @Test
  void enumOptions_helpAndCompletionListTheValuesAsTyped() {
    String help = Cli.run("verify", "--help").out();
    assertThat(help)
        .contains("rootfs, boot, vm:", "qemu, cloud-hypervisor (default: qemu)")
        .contains("auto, kvm, tcg;", "json, junit, tap (default: rspecish)")
        .contains("(default: 10m");
    assertThat(Cli.run("build", "--help").out()).contains("chroot, docker: chroot is daemonless");
    assertThat(Cli.run("export", "--help").out())
        .contains("dpkg, rpm, none: what packages.txt lists");
    assertThat(Cli.run("completion").out())
        .contains("(\"qemu\" \"cloud-hypervisor\")", "(\"rootfs\" \"boot\" \"vm\")");
  }

  @Test
  void durationOptions_badValue_namesTheOption() {
    assertInvalid(
        Cli.run("run", "--matrix", "--boot-timeout", "soon", "-f", DECLARATION),
        "Invalid value for option '--boot-timeout': invalid duration \"soon\"");
  }

  @Test
  void bootTimeout_hasOneDefault_forVerifyAndRun_thatOfTheTargets() {
    CommandLine root =
        EngineCommand.commandLine(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Backends::builder);
    for (String command : List.of("verify", "run")) {
      String text =
          root.getSubcommands()
              .get(command)
              .getCommandSpec()
              .findOption("--boot-timeout")
              .defaultValue();
      assertThat(new GoDurations().convert(text))
          .as(command)
          .isEqualTo(TargetOptions.DEFAULT_BOOT_TIMEOUT)
          .isEqualTo(TargetOptions.defaults().bootTimeout());
    }
  }

  @Test
  void keyValueOptions_withoutAKey_areInvalid() {
    assertInvalid(
        Cli.run("plan", "--set", "ADMIN_USER", "-f", DECLARATION),
        "Value for option '--set' (KEY=VALUE) should be in KEY=VALUE format but was ADMIN_USER");
    assertInvalid(
        Cli.run("plan", "--set", "=ops", "-f", DECLARATION),
        "Invalid value for option '--set' (KEY=VALUE): expected KEY=VALUE, the KEY is empty");
    assertInvalid(
        Cli.run("build", "--dockerfile", "Dockerfile", "--build-arg", "=1"),
        "Invalid value for option '--build-arg' (KEY=VALUE): expected KEY=VALUE, the KEY is"
            + " empty");
    assertInvalid(
        Cli.run("build", "--dockerfile", "Dockerfile", "--base", "trixie"),
        "Value for option '--base' (REF=SPEC) should be in KEY=VALUE format but was trixie");
  }

  @Test
  void set_keepsEverythingAfterTheFirstEquals() {
    Cli r = Cli.run("matrix", "--format", "json", "--set", "X=a=b", "-f", DECLARATION);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"X\": \"a=b\"");
  }

  @Test
  void channelOptions_takeOnlyTheChannelSpellings_soNoPathEscapesTheStore() {
    assertInvalid(
        Cli.run("release", "--from", "../../etc", "--to", "20250101", "--store", tmp.toString()),
        "Invalid value for option '--from': channel '../../etc': expected stable,"
            + " pr:<number>-<branch> or release:<YYYYMMDD>");
  }

  @Test
  void build_cellsAndDockerfile_areEitherOr() {
    assertInvalid(Cli.run("build"), "Error: Missing required argument (specify one of these):");
    assertInvalid(
        Cli.run("build", "debian/13", "--dockerfile", "Dockerfile"), "Error: (ID... [--backend");
    assertThat(Cli.run("build", "debian/13", "--dockerfile", "Dockerfile").err())
        .contains("are mutually exclusive");
    assertInvalid(
        Cli.run("build", "--output", tmp.toString()),
        "Error: Missing required argument(s): --dockerfile=PATH");
    assertInvalid(
        Cli.run("build", "--backend", "docker"), "Error: Missing required argument(s): ID");
    assertInvalid(
        Cli.run("build", "--dockerfile", "Dockerfile", "--backend", "docker"),
        "Error: Missing required argument(s): ID");
  }

  @Test
  void verify_needsACellOrARootfs_andRootfsAloneNeedsAGossfile() {
    assertInvalid(Cli.run("verify"), "give a cell ID, or --rootfs DIR --gossfile FILE");
    assertInvalid(Cli.run("verify", "--rootfs", tmp.toString()), "--rootfs needs --gossfile");
  }

  @Test
  void diffPackages_needsOldAndNew_andNamesAMissingStore() {
    assertInvalid(
        Cli.run("diff", "--packages", tmp.toString()), "Error: Missing required argument(s): NEW");
    assertInvalid(
        Cli.run("diff", "--packages", tmp.resolve("old").toString(), tmp.toString()),
        tmp.resolve("old") + ": not a directory");
  }

  @Test
  void jobsBelowOne_isInvalid() {
    assertInvalid(Cli.run("run", "--matrix", "--jobs", "0"), "--jobs must be at least 1");
  }

  @Test
  void cachePrune_maxSizeThatIsNotASize_isInvalid() {
    assertInvalid(
        Cli.run("cache", "prune", "--max-size", "8 gigabytes", "--state-dir", tmp.toString()),
        "--max-size: '8 gigabytes' is not a size");
    assertInvalid(
        Cli.run("cache", "prune", "--keep-days", "-1", "--state-dir", tmp.toString()),
        "--keep-days: expected a number of days >= 0, found -1");
  }

  @Test
  void stateLockWait_isReportedOnTheCommandsErrorStream() throws Exception {
    StateDir state = new StateDir(tmp.resolve("state"));
    Files.createDirectories(state.root());
    StringWriter err = new StringWriter();
    try (LockHolder other = LockHolder.hold(state, tmp)) {
      CompletableFuture<Integer> prune =
          CompletableFuture.supplyAsync(
              () ->
                  Main.run(
                      new PrintWriter(new StringWriter(), true),
                      new PrintWriter(err, true),
                      "cache",
                      "prune",
                      "--state-dir",
                      state.root().toString()));
      Thread.sleep(1500);
      assertThat(prune).isNotDone();
      assertThat(err.toString())
          .startsWith("engine: ")
          .contains("waiting for the engine process (pid " + other.pid() + ")");
      other.close();
      assertThat(prune.get(20, TimeUnit.SECONDS)).isZero();
    }
  }

  /**
   * picocli formats descriptions with String.format: a lone % makes it warn on stderr and print the
   * text unformatted. Checked on the texts as written in the annotations.
   */
  @Test
  void everyHelpText_isAValidFormatString() {
    List<String> texts = new ArrayList<>();
    collect(
        EngineCommand.commandLine(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Backends::builder),
        texts);
    assertThat(texts).hasSizeGreaterThan(100);
    for (String text : texts) {
      assertThatCode(() -> String.format(text)).as(text).doesNotThrowAnyException();
    }
  }

  private static void collect(CommandLine cmd, List<String> texts) {
    Command command = cmd.getCommandSpec().userObject().getClass().getAnnotation(Command.class);
    texts.addAll(List.of(command.description()));
    for (ArgSpec arg : cmd.getCommandSpec().args()) {
      if (arg.userObject() instanceof Field f) {
        Option o = f.getAnnotation(Option.class);
        Parameters p = f.getAnnotation(Parameters.class);
        texts.addAll(List.of(o != null ? o.description() : p.description()));
      }
    }
    cmd.getSubcommands().values().forEach(sub -> collect(sub, texts));
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
