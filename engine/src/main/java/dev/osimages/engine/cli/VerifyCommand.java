package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.host.LayerView;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.run.TestRuns;
import dev.osimages.engine.state.StateDir;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
          + " matrix), that cell's test matrix run on a tree given with --rootfs (a published set"
          + " unpacked), or any root filesystem tree given with --rootfs and --gossfile.",
      "Exit codes as goss: 0 pass, 1 a check failed, 3 the retry timeout ran out, 78 a suite"
          + " could not be loaded; 2 a bad command line, 4 a host tool is missing or the target"
          + " could not start."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "ID",
      description =
          "A cell of the declaration: its root filesystem comes from the build cache (built if"
              + " needed) and its suites, vars and provisioning from the test matrix.")
  String id;

  @Option(
      names = "--rootfs",
      paramLabel = "DIR",
      description =
          "Verify this root filesystem tree: with ID instead of the cell's build (e.g. a published"
              + " set unpacked), verified as the test matrix verifies that cell; without ID it"
              + " needs --gossfile.")
  Path rootfs;

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

  /** The view of a cell's built layers being verified, unmounted when the command ends. */
  private LayerView view;

  @Override
  public Integer call() {
    try {
      return verify();
    } finally {
      if (view != null) {
        view.close();
      }
    }
  }

  private Integer verify() {
    if (id == null && rootfs == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give a cell ID, or --rootfs DIR --gossfile FILE");
    }
    if (id == null && gossfiles.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--rootfs needs --gossfile FILE (or a cell ID)");
    }
    if (target == TargetKind.VM && !onPath(hypervisor.program())) {
      throw new EngineException(
          "verify: " + hypervisor.program() + " is not on PATH (install it for --target vm)",
          ExitCode.ENVIRONMENT);
    }
    Map<String, Object> v = vars == null ? Map.of() : VarsFile.load(vars);
    TargetOptions o =
        new TargetOptions(retryTimeout, sleep, boot.timeout, memory, cpus, accel, hypervisor);
    List<VerifyRequest> requests = new ArrayList<>();
    if (id == null) {
      List<Suite> suites = gossfiles.stream().map(f -> new Suite(f, v)).toList();
      requests.add(new VerifyRequest("", rootfs, suites, target, o));
    } else {
      requests.addAll(cellRequests(v, o));
    }
    int exit = 0;
    for (VerifyRequest r : requests) {
      exit = Math.max(exit, verify(r).exitCode());
    }
    return exit;
  }

  /**
   * The verifications of a cell: its root filesystem is --rootfs or comes from the build cache
   * (built if needed); with --gossfile those suites run on it as they are, else the test matrix's
   * suites do, each provisioned suite on a system of its own (on --target).
   */
  private List<VerifyRequest> cellRequests(Map<String, Object> v, TargetOptions o) {
    Workspace.Loaded loaded =
        Workspace.load(
            common.file(),
            new Workspace.Options(
                Map.of(), Optional.empty(), Selection.of(List.of(id), List.of()), profile.name()));
    PlannedCell p =
        loaded
            .plan()
            .cell(id)
            .orElseThrow(() -> new EngineException("verify: no cell " + id, ExitCode.INVALID));
    Path tree = rootfs;
    if (tree == null) {
      EventPrinter events = new EventPrinter(spec.commandLine().getErr(), true);
      StateDir locked = state.locked();
      view = Backends.chrootBuilds(loaded, locked, false, events).build(id).view(locked.tmp());
      tree = view.root();
    }
    if (!gossfiles.isEmpty()) {
      List<Suite> suites = gossfiles.stream().map(f -> new Suite(f, v)).toList();
      return List.of(new VerifyRequest(id, tree, suites, target, o));
    }
    List<TestRuns.TestRun> runs = TestRuns.of(p.cell(), Optional.of(target));
    if (runs.isEmpty()) {
      throw new EngineException(
          "verify: the test matrix assigns no suite to " + p.cell().id() + "; give --gossfile",
          ExitCode.INVALID);
    }
    Path built = tree;
    return runs.stream().map(r -> r.request(id, built, o, v)).toList();
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

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
