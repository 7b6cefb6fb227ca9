package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.archive.ArchiveAccess;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.base.Base;
import dev.osimages.engine.base.BaseSpec;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.Hygiene;
import dev.osimages.engine.builder.chroot.ChrootBuilder;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.run.CellBuilds;
import dev.osimages.engine.state.StateDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine build}: builds cells by id (wired to the declaration by the lead), or any
 * Dockerfile this backend supports with {@code --dockerfile ... --output DIR}, like {@code buildah
 * bud}, using the same step cache.
 */
@Command(
    name = "build",
    description = {
      "Build images with the daemonless chroot backend (root, Debian tools, no daemon).",
      "  engine build <id>...                 build cells of the declaration",
      "  engine build --dockerfile F --output DIR [--context DIR]... [--base REF=SPEC]..."
    })
final class BuildCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "ID",
      arity = "0..*",
      description =
          "Cell ids (or globs such as 'debian/*') of the declaration to build; their bases are"
              + " built first.")
  List<String> ids = new ArrayList<>();

  @picocli.CommandLine.Mixin CommonOptions common;
  @picocli.CommandLine.Mixin ProfileOption profile;
  @picocli.CommandLine.Mixin PinOptions pin;

  @Option(names = "--dockerfile", paramLabel = "PATH", description = "Build this Dockerfile.")
  Path dockerfile;

  @Option(
      names = "--context",
      paramLabel = "DIR",
      description =
          "Context directory; repeat to merge several (later wins). Default: the Dockerfile's directory.")
  List<Path> contexts = new ArrayList<>();

  @Option(names = "--build-arg", paramLabel = "K=V", description = "Build argument (repeatable).")
  List<String> buildArgs = new ArrayList<>();

  @Option(
      names = "--base",
      paramLabel = "REF=SPEC",
      description =
          "What FROM REF means: DIR, FILE.tar, oci:DIR or bootstrap:SUITE[:VARIANT[:PKG,...]] (repeatable).")
  List<String> bases = new ArrayList<>();

  @Option(
      names = "--target",
      paramLabel = "STAGE",
      description = "Build this stage (default: the last).")
  String target;

  @Option(
      names = "--no-cache",
      description = "Rebuild every step from the base (bases stay cached).")
  boolean noCache;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description =
          "Copy the root filesystem here (must be empty or absent); without it the result stays in the cache and its path is printed.")
  Path output;

  @Option(names = "--clean-apt", description = "Remove apt lists and caches from the result.")
  boolean cleanApt;

  @Option(
      names = "--no-hygiene",
      description = "Leave machine-id, SSH host keys and host files as built.")
  boolean noHygiene;

  @Option(
      names = "--cell",
      paramLabel = "NAME",
      defaultValue = "dockerfile",
      description = "Name for output prefixes and the log (default: ${DEFAULT-VALUE}).")
  String cell;

  @Option(
      names = "--backend",
      defaultValue = "chroot",
      description =
          "With cell ids: chroot (daemonless, default) or docker (the daemon at DOCKER_HOST).")
  String backend;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "State directory (default: $ENGINE_STATE_DIR or /var/lib/osimages).")
  Path stateDir;

  @Option(
      names = {"-q", "--quiet"},
      description = "Do not stream step output.")
  boolean quiet;

  @Override
  public Integer call() {
    if (!ids.isEmpty()) {
      if (dockerfile != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "give cell ids or --dockerfile, not both");
      }
      return buildCells();
    }
    if (dockerfile == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give cell ids, or --dockerfile [--output DIR]");
    }
    Backends.requireRoot("the chroot backend");
    if (output != null) {
      checkOutput(output);
    }
    PrintWriter out = spec.commandLine().getOut();
    BuildRequest req =
        new BuildRequest(
            cell,
            dockerfile.toAbsolutePath(),
            context(),
            pairs(buildArgs, "--build-arg"),
            bases(),
            Optional.ofNullable(target),
            noCache,
            noHygiene ? Hygiene.NONE : Hygiene.standard(cleanApt),
            List.of(),
            Map.of(),
            new Pinning(
                pin.epochOption().isPresent()
                    ? pin.epochOption()
                    : dev.osimages.engine.export.ExportOptions.epochFromEnvironment(),
                new ArchiveAccess.Direct(),
                List.of()));
    StateDir state = Backends.state(stateDir);
    BuildOutput printer = new BuildOutput(out, quiet);
    BuildResult r = new ChrootBuilder(state).build(req, printer);
    if (output != null) {
      copy(r, out);
    }
    printer.summary(r, (output != null ? output : r.rootfs()).toString());
    return ExitCode.OK.code();
  }

  private int buildCells() {
    PrintWriter out = spec.commandLine().getOut();
    Workspace.Loaded loaded =
        Workspace.load(
            common.file(),
            new Workspace.Options(
                Map.of(), Optional.empty(), Selection.of(ids, List.of()), profile.name()));
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    BuildOutput printer = new BuildOutput(out, quiet);
    StateDir state = Backends.state(stateDir);
    CellBuilds builds =
        Backends.builds(
            backend,
            loaded,
            state,
            noCache,
            printer,
            Optional.of(pin.pins(loaded, state, spec.commandLine().getErr())));
    for (PlannedCell p : loaded.plan().selected()) {
      BuildResult r = builds.build(p.cell().id());
      out.println("[" + p.cell().id() + "]");
      printer.summary(
          r,
          r.daemonImage()
              .map(i -> "docker image " + i.id())
              .orElseGet(() -> r.rootfs().toString()));
    }
    return ExitCode.OK.code();
  }

  private void copy(BuildResult r, PrintWriter out) {
    HostCommand.Result cp =
        HostCommand.run(
            List.of("cp", "-a", "--reflink=auto", r.rootfs() + "/.", output.toAbsolutePath() + "/"),
            null,
            Map.of(),
            l -> out.println("[" + cell + "] " + l));
    if (!cp.ok()) {
      throw new EngineException(
          "cannot write " + output + ": " + String.join(" ", cp.tail()), ExitCode.FAILED);
    }
  }

  private BuildContext context() {
    List<Path> roots =
        contexts.isEmpty() ? List.of(dockerfile.toAbsolutePath().getParent()) : contexts;
    return BuildContext.of(roots);
  }

  private Map<String, Base> bases() {
    Map<String, Base> m = new LinkedHashMap<>();
    pairs(bases, "--base").forEach((ref, s) -> m.put(ref, BaseSpec.parse(s, "--base " + ref)));
    return m;
  }

  private static Map<String, String> pairs(List<String> kvs, String option) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : kvs) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new EngineException(option + " " + kv + ": expected KEY=VALUE", ExitCode.INVALID);
      }
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return m;
  }

  private static void checkOutput(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          if (s.findAny().isPresent()) {
            throw new EngineException("--output " + dir + " is not empty", ExitCode.INVALID);
          }
        }
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }
  }
}
