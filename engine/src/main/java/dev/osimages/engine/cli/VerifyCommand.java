package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.model.TestAssignment;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.verify.Suite;
import dev.osimages.engine.verify.Verifier;
import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.VerifyRequest;
import dev.osimages.engine.verify.gossfile.VarsFile;
import dev.osimages.engine.verify.report.ReportFormat;
import dev.osimages.engine.verify.targets.Accel;
import dev.osimages.engine.verify.targets.Hypervisor;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine verify}: runs goss-format suites against an image root (rootfs, boot or vm). */
@Command(
    name = "verify",
    description = {
      "Verify an image with goss-format suites: offline (rootfs), booted as a container (boot)"
          + " or booted in a VM (vm).",
      "The image is a cell of the declaration (its root filesystem from the chroot backend's"
          + " cache, built first if needed, which needs root; its suites and vars from the test"
          + " matrix) or any root filesystem tree given with --rootfs and --gossfile.",
      "Exit codes as goss: 0 pass, 1 a check failed, 3 the retry timeout ran out, 78 a suite"
          + " could not be loaded; 2 a bad command line, 4 a host tool is missing or the target"
          + " could not start."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Subject subject;

  /** What to verify: a cell, or a tree. */
  static final class Subject {
    @Parameters(
        paramLabel = "ID",
        description =
            "A cell of the declaration: its root filesystem comes from the build cache (built if"
                + " needed) and its suites and vars from the test matrix.")
    String id;

    @Option(
        names = "--rootfs",
        paramLabel = "DIR",
        description = "Verify this root filesystem tree (needs --gossfile).")
    Path rootfs;
  }

  @Mixin CommonOptions common;
  @Mixin ProfileOption profile;
  @Mixin StateDirOption state;
  @Mixin BootTimeoutOption boot;

  @Option(
      names = {"-g", "--gossfile"},
      paramLabel = "FILE",
      description =
          "A goss file; repeat for several. With ID, these replace the suites the test matrix"
              + " assigns.")
  List<Path> gossfiles = List.of();

  @Option(
      names = "--vars",
      paramLabel = "FILE",
      description =
          "A YAML map that becomes .Vars in the suites' templates (with ID: over the test"
              + " matrix's vars).")
  Path vars;

  @Option(
      names = {"-o", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "rspecish",
      description =
          "Output format, as goss's: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ReportFormat format;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      defaultValue = "rootfs",
      description =
          "${COMPLETION-CANDIDATES}: rootfs runs the probe chrooted into an overlay of the image,"
              + " offline, and skips runtime checks; boot boots it as a systemd-nspawn container;"
              + " vm boots the image's own kernel in a VM (default: ${DEFAULT-VALUE}).")
  TargetKind target;

  @Option(
      names = {"-r", "--retry-timeout"},
      paramLabel = "DURATION",
      defaultValue = "0s",
      description =
          "Booted targets: re-run the suite until it passes or this time has passed, then exit 3"
              + " (default: ${DEFAULT-VALUE}, one round).")
  Duration retryTimeout;

  @Option(
      names = {"-s", "--sleep"},
      paramLabel = "DURATION",
      defaultValue = "1s",
      description = "Time between rounds with --retry-timeout (default: ${DEFAULT-VALUE}).")
  Duration sleep;

  @Option(
      names = "--memory",
      paramLabel = "MIB",
      defaultValue = "1024",
      description = "vm: memory in MiB (default: ${DEFAULT-VALUE}).")
  int memory;

  @Option(
      names = "--cpus",
      paramLabel = "N",
      defaultValue = "2",
      description = "vm: virtual CPUs (default: ${DEFAULT-VALUE}).")
  int cpus;

  @Option(
      names = "--accel",
      paramLabel = "ACCEL",
      defaultValue = "auto",
      description =
          "vm with QEMU: ${COMPLETION-CANDIDATES}; auto starts under KVM when /dev/kvm opens and"
              + " restarts under TCG when the guest fails or stays silent under it (default:"
              + " ${DEFAULT-VALUE}).")
  Accel accel;

  @Option(
      names = "--hypervisor",
      paramLabel = "HYPERVISOR",
      defaultValue = "qemu",
      description = "vm: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Hypervisor hypervisor;

  @Override
  public Integer call() {
    if (subject.rootfs != null && gossfiles.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--rootfs needs --gossfile FILE");
    }
    if (target == TargetKind.VM && !onPath(hypervisor.program())) {
      throw new EngineException(
          "verify: " + hypervisor.program() + " is not on PATH (install it for --target vm)",
          ExitCode.ENVIRONMENT);
    }
    Map<String, Object> v = vars == null ? Map.of() : VarsFile.load(vars);
    List<Suite> suites = gossfiles.stream().map(f -> new Suite(f, v)).toList();
    Path rootfs = subject.rootfs;
    String cell = subject.id == null ? "" : subject.id;
    if (subject.id != null) {
      Workspace.Loaded loaded =
          Workspace.load(
              common.file(),
              new Workspace.Options(
                  Map.of(),
                  Optional.empty(),
                  Selection.of(List.of(cell), List.of()),
                  profile.name()));
      PlannedCell p =
          loaded
              .plan()
              .cell(cell)
              .orElseThrow(() -> new EngineException("verify: no cell " + cell, ExitCode.INVALID));
      EventPrinter events = new EventPrinter(spec.commandLine().getErr(), true);
      rootfs = Backends.chrootBuilds(loaded, state.locked(), false, events).build(cell).rootfs();
      if (suites.isEmpty()) {
        suites = matrixSuites(p, v);
      }
    }
    TargetOptions o =
        new TargetOptions(retryTimeout, sleep, boot.timeout, memory, cpus, accel, hypervisor);
    return verify(new VerifyRequest(cell, rootfs, suites, target, o)).exitCode();
  }

  /** Runs the verification and prints its report, and the console log of a failed boot. */
  private VerifyReport verify(VerifyRequest request) {
    PrintWriter err = spec.commandLine().getErr();
    VerifyReport report =
        new Verifier()
            .verify(
                request,
                e -> {
                  if (e instanceof Warning w) {
                    synchronized (err) {
                      err.println("engine: " + w.message());
                    }
                  }
                });
    spec.commandLine().getOut().print(format.reporter().render(report));
    spec.commandLine().getOut().flush();
    if (!report.consoleLog().isEmpty()) {
      err.println("--- console log of the failed " + report.target() + " target ---");
      err.print(report.consoleLog());
      err.flush();
    }
    return report;
  }

  /** The suites the test matrix assigns to the cell, with --vars over the matrix's vars. */
  private static List<Suite> matrixSuites(PlannedCell p, Map<String, Object> overrides) {
    List<Suite> out = new ArrayList<>();
    for (TestAssignment t : p.cell().tests()) {
      Map<String, Object> merged = new LinkedHashMap<>(t.vars());
      merged.putAll(overrides);
      out.add(new Suite(t.gossfile(), merged));
    }
    if (out.isEmpty()) {
      throw new EngineException(
          "verify: the test matrix assigns no suite to " + p.cell().id() + "; give --gossfile",
          ExitCode.INVALID);
    }
    return out;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
