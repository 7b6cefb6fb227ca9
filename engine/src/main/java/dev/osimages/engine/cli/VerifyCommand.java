package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.verify.Suite;
import dev.osimages.engine.verify.Verifier;
import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.VerifyRequest;
import dev.osimages.engine.verify.gossfile.VarsFile;
import dev.osimages.engine.verify.report.Reporter;
import dev.osimages.engine.verify.target.TargetOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

  // LEAD: replace this with the declaration lookup (cell rootfs + test matrix assignments).
  @Parameters(
      arity = "0..1",
      paramLabel = "ID",
      description = "A built cell id (needs the declaration wiring).")
  String id;

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
    if (rootfs == null) {
      throw new EngineException(
          id == null
              ? "verify: give --rootfs DIR --gossfile FILE (or a cell id)"
              : "verify by id needs the declaration: use --rootfs",
          ExitCodes.INVALID);
    }
    if (gossfiles.isEmpty()) {
      throw new EngineException(
          "verify: --gossfile FILE is required with --rootfs", ExitCodes.INVALID);
    }
    Reporter reporter;
    try {
      reporter = Reporter.forFormat(format);
    } catch (IllegalArgumentException e) {
      throw new EngineException("verify: " + e.getMessage(), ExitCodes.INVALID);
    }
    checkHypervisor();
    Map<String, Object> v = vars == null ? Map.of() : VarsFile.load(vars);
    List<Suite> suites = gossfiles.stream().map(f -> new Suite(f, v)).toList();
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
                new VerifyRequest("", rootfs, suites, target, o),
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

  private void checkHypervisor() {
    if (!List.of("qemu", "cloud-hypervisor").contains(hypervisor)
        || !List.of("auto", "tcg", "kvm").contains(accel)) {
      throw new EngineException(
          "verify: --hypervisor is qemu or cloud-hypervisor, --accel auto, tcg or kvm",
          ExitCodes.INVALID);
    }
    String tool = hypervisor.equals("qemu") ? "qemu-system-x86_64" : "cloud-hypervisor";
    if (target.equals("vm") && !onPath(tool)) {
      throw new EngineException(
          "verify: " + tool + " is not on PATH (install it for --target vm)",
          ExitCodes.ENVIRONMENT);
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
}
