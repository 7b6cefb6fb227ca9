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
import dev.osimages.engine.verify.report.Reporter;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine verify}: runs goss-format suites against an image root (rootfs, boot or vm). */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an image with goss-format suites: offline (rootfs), booted as a container (boot)",
      "or booted in a VM (vm). Exit codes as goss: 0 pass, 1 fail, 3 retry timeout, 78 load error."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "ID",
      description =
          "A cell of the declaration: its root filesystem comes from the build cache (built if"
              + " needed) and its suites and vars from the test matrix (--gossfile overrides).")
  String id;

  @picocli.CommandLine.Mixin CommonOptions common;
  @picocli.CommandLine.Mixin ProfileOption profile;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "With ID: the build state directory (default: $ENGINE_STATE_DIR or /var/lib/osimages).")
  Path stateDir;

  @Option(names = "--rootfs", paramLabel = "DIR", description = "Verify this root filesystem tree.")
  Path rootfs;

  @Option(
      names = {"-g", "--gossfile"},
      paramLabel = "FILE",
      description = "The goss file (repeatable).")
  List<Path> gossfiles = List.of();

  @Option(
      names = "--vars",
      paramLabel = "FILE",
      description = "YAML file with .Vars for the templates.")
  Path vars;

  @Option(
      names = {"-o", "--format"},
      defaultValue = "rspecish",
      description = "documentation, rspecish, json, junit, tap (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--target",
      defaultValue = "rootfs",
      description = "rootfs, boot or vm (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(
      names = {"-r", "--retry-timeout"},
      defaultValue = "0s",
      description = "Booted targets: retry until pass or this long (e.g. 150s).")
  String retryTimeout;

  @Option(
      names = {"-s", "--sleep"},
      defaultValue = "1s",
      description = "Time between retries (default: ${DEFAULT-VALUE}).")
  String sleep;

  @Option(
      names = "--boot-timeout",
      defaultValue = "120s",
      description = "Booted targets: wait this long for the first results.")
  String bootTimeout;

  @Option(names = "--memory", defaultValue = "1024", description = "vm: MiB of memory.")
  int memory;

  @Option(names = "--cpus", defaultValue = "2", description = "vm: CPUs.")
  int cpus;

  @Option(
      names = "--accel",
      defaultValue = "auto",
      description =
          "vm: auto (KVM, restarted under TCG when the guest fails under it), kvm or tcg"
              + " (default: ${DEFAULT-VALUE}).")
  String accel;

  @Option(
      names = "--hypervisor",
      defaultValue = "qemu",
      description = "vm: qemu or cloud-hypervisor.")
  String hypervisor;

  @Override
  public Integer call() {
    if ((rootfs == null) == (id == null)) {
      throw new EngineException(
          "verify: give a cell ID, or --rootfs DIR --gossfile FILE", ExitCode.INVALID);
    }
    if (id == null && gossfiles.isEmpty()) {
      throw new EngineException(
          "verify: --gossfile FILE is required with --rootfs", ExitCode.INVALID);
    }
    Reporter reporter;
    try {
      reporter = Reporter.forFormat(format);
    } catch (IllegalArgumentException e) {
      throw new EngineException("verify: " + e.getMessage(), ExitCode.INVALID);
    }
    checkHypervisor();
    Map<String, Object> v = vars == null ? Map.of() : VarsFile.load(vars);
    List<Suite> suites = gossfiles.stream().map(f -> new Suite(f, v)).toList();
    String cell = "";
    if (id != null) {
      Workspace.Loaded loaded =
          Workspace.load(
              common.file(),
              new Workspace.Options(
                  Map.of(),
                  Optional.empty(),
                  Selection.of(List.of(id), List.of()),
                  profile.name()));
      PlannedCell p =
          loaded
              .plan()
              .cell(id)
              .orElseThrow(() -> new EngineException("verify: no cell " + id, ExitCode.INVALID));
      cell = id;
      rootfs =
          Backends.chrootBuilds(
                  loaded,
                  Backends.state(stateDir),
                  false,
                  new EventPrinter(spec.commandLine().getErr(), true))
              .build(id)
              .rootfs();
      if (suites.isEmpty()) {
        suites = matrixSuites(p, v);
      }
    }
    TargetOptions o =
        new TargetOptions(
            GoDurations.parse("--retry-timeout", retryTimeout),
            GoDurations.parse("--sleep", sleep),
            GoDurations.parse("--boot-timeout", bootTimeout),
            memory,
            cpus,
            accel,
            hypervisor);
    var err = spec.commandLine().getErr();
    VerifyReport report =
        new Verifier()
            .verify(
                new VerifyRequest(cell, rootfs, suites, targetKind(), o),
                e -> {
                  if (e instanceof Warning w) {
                    synchronized (err) {
                      err.println("engine: " + w.message());
                    }
                  }
                });
    spec.commandLine().getOut().print(reporter.render(report));
    spec.commandLine().getOut().flush();
    if (!report.consoleLog().isEmpty()) {
      err.println("--- console log of the failed " + report.target() + " target ---");
      err.print(report.consoleLog());
      err.flush();
    }
    return report.exitCode();
  }

  /** The suites the test matrix assigns to the cell, with --vars over the matrix's vars. */
  private static List<Suite> matrixSuites(PlannedCell p, Map<String, Object> overrides) {
    List<Suite> out = new java.util.ArrayList<>();
    for (TestAssignment t : p.cell().tests()) {
      Map<String, Object> merged = new java.util.LinkedHashMap<>(t.vars());
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

  private void checkHypervisor() {
    if (!List.of("qemu", "cloud-hypervisor").contains(hypervisor)
        || !List.of("auto", "tcg", "kvm").contains(accel)) {
      throw new EngineException(
          "verify: --hypervisor is qemu or cloud-hypervisor, --accel auto, tcg or kvm",
          ExitCode.INVALID);
    }
    String tool = hypervisor.equals("qemu") ? "qemu-system-x86_64" : "cloud-hypervisor";
    if (target.equals("vm") && !onPath(tool)) {
      throw new EngineException(
          "verify: " + tool + " is not on PATH (install it for --target vm)", ExitCode.ENVIRONMENT);
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (java.nio.file.Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private TargetKind targetKind() {
    try {
      return TargetKind.valueOf(target.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new EngineException(
          "unknown target " + target + " (rootfs, boot, vm)", ExitCode.INVALID);
    }
  }
}
