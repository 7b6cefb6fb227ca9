package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.base.BaseArgument;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.chroot.ChrootBuilder;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Hygiene;
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
      "  engine build --dockerfile F --output DIR [--context DIR]... [--base REF=SPEC]...",
      "                [--build-context NAME=DIR|cell:ID]... [--secret id=ID,src=FILE|env=VAR]..."
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
  @picocli.CommandLine.Mixin RegistryOptions registryOptions;
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
      names = "--build-context",
      paramLabel = "NAME=DIR|cell:ID",
      description =
          "A named context for COPY --from=NAME, RUN --mount=from=NAME and FROM NAME: a directory,"
              + " or cell:ID, a cell of the declaration (-f), built first (repeatable; as docker"
              + " buildx build --build-context).")
  List<String> buildContexts = new ArrayList<>();

  @Option(
      names = "--secret",
      paramLabel = "id=ID[,src=FILE|env=VAR]",
      description =
          "A secret for RUN --mount=type=secret,id=ID: a file, or an environment variable (the"
              + " default when only id is given: the variable named ID). Never written into a"
              + " layer, a log or a cache key (repeatable).")
  List<String> secrets = new ArrayList<>();

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
    Map<String, dev.osimages.engine.builder.BuildSecret> secretMap = BuildInputs.secrets(secrets);
    StateDir state = Backends.state(stateDir);
    BuildOutput printer = new BuildOutput(out, quiet);
    BuildRequest req =
        new BuildRequest(
            cell,
            dockerfile.toAbsolutePath(),
            context(),
            pairs(buildArgs, "--build-arg"),
            bases(),
            Optional.ofNullable(target),
            noCache,
            noHygiene ? Hygiene.NONE : Hygiene.declared(cleanApt),
            List.of(),
            Map.of(),
            BuildInputs.contexts(buildContexts, id -> cellResult(id, state, printer)),
            secretMap,
            pin.adHoc());
    BuildResult r = new ChrootBuilder(state, registryOptions.puller(state)).build(req, printer);
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
            Backends.withRegistry(Backends.builder(backend, state), state, registryOptions),
            loaded,
            state,
            noCache,
            printer,
            Optional.of(pin.pins(loaded, state, out, spec.commandLine().getErr())));
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

  /** The result of cell {@code id} of the declaration, built (or taken from the cache) now. */
  private BuildResult cellResult(String id, StateDir state, BuildOutput printer) {
    Workspace.Loaded loaded =
        Workspace.load(
            common.file(),
            new Workspace.Options(
                Map.of(), Optional.empty(), Selection.of(List.of(id), List.of()), profile.name()));
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    if (loaded.plan().cell(id).isEmpty()) {
      throw new EngineException(
          "--build-context ...=cell:" + id + ": no cell " + id + " in " + common.file(),
          ExitCode.INVALID);
    }
    return Backends.chrootBuilds(loaded, state, noCache, printer).build(id);
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
    pairs(bases, "--base").forEach((ref, s) -> m.put(ref, BaseArgument.parse(s, "--base " + ref)));
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
