package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.base.BaseArgument;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.builder.Builder;
import dev.osimages.engine.builder.chroot.ChrootBuilder;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.LayerView;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.NetworkPolicy;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.run.BuildPins;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine build}: builds cells of the declaration with either backend, or any Dockerfile the
 * chroot backend supports with {@code --dockerfile}, like {@code buildah bud}, using the same step
 * cache. Either-or is picocli's: the two modes are an exclusive argument group.
 */
@Command(
    name = "build",
    description = {
      "Build cells of the declaration (and the bases they need) with the chroot or the Docker"
          + " backend, or build one Dockerfile with the chroot backend.",
      "Cells: the chroot backend (default) needs root and Debian tools, no daemon; its results"
          + " stay in the state directory's cache and their paths are printed. --backend docker"
          + " builds through the daemon at DOCKER_HOST and prints the image id. Nothing is"
          + " exported or published (that is engine run).",
      "Dockerfile: any Dockerfile the chroot backend supports, with its context, args, bases,"
          + " named contexts and secrets given here; the root filesystem is copied to --output or"
          + " stays in the cache.",
      "Registry bases (FROM of an image reference) are pulled without a daemon in either mode"
          + " with the chroot backend, as --pull, --registries-conf and --certs-dir say."
    })
final class BuildCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  /** Cells of the declaration, or one Dockerfile: never both. */
  static final class Mode {
    @ArgGroup(
        exclusive = false,
        multiplicity = "1",
        heading = "Cells of the declaration:%n",
        order = 1)
    Cells cells;

    @ArgGroup(
        exclusive = false,
        multiplicity = "1",
        heading = "One Dockerfile (chroot backend):%n",
        order = 2)
    DockerfileBuild dockerfile;
  }

  /** The options of a build of cells. */
  static final class Cells {
    @Parameters(
        paramLabel = "ID",
        arity = "1..*",
        description =
            "Cell ids (or globs such as 'debian/*') to build; their bases are built first.")
    List<String> ids = new ArrayList<>();

    @Option(
        names = "--backend",
        paramLabel = "BACKEND",
        defaultValue = "chroot",
        description =
            "${COMPLETION-CANDIDATES}: chroot is daemonless (needs root), docker uses the"
                + " daemon at DOCKER_HOST (default: ${DEFAULT-VALUE}).")
    Backends.Kind backend;
  }

  /** The options of a build of one Dockerfile. */
  static final class DockerfileBuild {
    @Option(
        names = "--dockerfile",
        required = true,
        paramLabel = "PATH",
        description = "Build this Dockerfile.")
    Path dockerfile;

    @Option(
        names = "--context",
        paramLabel = "DIR",
        description =
            "Context directory; repeat to merge several (a later one wins file by file)."
                + " Default: the Dockerfile's directory.")
    List<Path> contexts = new ArrayList<>();

    @Option(
        names = "--build-arg",
        paramLabel = "KEY=VALUE",
        converter = OptionTypes.Key.class,
        description = "Set the Dockerfile's ARG KEY (repeatable).")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(
        names = "--base",
        paramLabel = "REF=SPEC",
        converter = OptionTypes.Key.class,
        description =
            "What FROM REF starts from: DIR, FILE.tar, oci:DIR or"
                + " bootstrap:SUITE[:VARIANT[:PKG,...]] (repeatable).")
    Map<String, String> bases = new LinkedHashMap<>();

    @Option(
        names = "--build-context",
        paramLabel = "NAME=DIR|cell:ID",
        description =
            "A named context for COPY --from=NAME, RUN --mount=from=NAME and FROM NAME: a"
                + " directory, or cell:ID, a cell of the declaration (-f), built first"
                + " (repeatable; as docker buildx build --build-context).")
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
        description = "Build up to this stage of a multi-stage Dockerfile (default: the last).")
    String target;

    @Option(
        names = "--output",
        paramLabel = "DIR",
        description =
            "Copy the root filesystem here (must be empty or absent); without it the result"
                + " stays in the cache and its path is printed.")
    Path output;

    @Option(
        names = "--cell",
        paramLabel = "NAME",
        defaultValue = "dockerfile",
        description = "Name for output prefixes and the log (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--clean-apt", description = "Remove apt lists and caches from the result.")
    boolean cleanApt;

    @Option(
        names = "--no-hygiene",
        description =
            "Leave the machine id, SSH host keys and copies of the build host's resolv.conf and"
                + " hostname as the build left them.")
    boolean noHygiene;
  }

  @Mixin CommonOptions common;
  @Mixin ProfileOption profile;
  @Mixin StateDirOption state;
  @Mixin QuietOption quiet;
  @Mixin RegistryOptions registryOptions;
  @Mixin AllowOption allow;
  @Mixin PinOptions pin;

  @Option(
      names = "--no-cache",
      description = "Rebuild every step from the base (bootstrapped bases stay cached).")
  boolean noCache;

  @Override
  public Integer call() {
    return mode.cells != null ? buildCells(mode.cells) : buildDockerfile(mode.dockerfile);
  }

  private int buildDockerfile(DockerfileBuild d) {
    Backends.requireRoot("the chroot backend");
    if (d.output != null) {
      checkOutput(d.output);
    }
    PrintWriter out = spec.commandLine().getOut();
    Map<String, BuildSecret> secrets = BuildInputs.secrets(d.secrets);
    StateDir locked = state.locked();
    BuildOutput printer = new BuildOutput(out, quiet.quiet);
    BuildRequest req =
        new BuildRequest(
            d.cell,
            d.dockerfile.toAbsolutePath(),
            context(d),
            d.buildArgs,
            bases(d.bases),
            Optional.ofNullable(d.target),
            noCache,
            d.noHygiene ? Hygiene.NONE : Hygiene.declared(d.cleanApt),
            List.of(),
            Map.of(),
            BuildInputs.contexts(d.buildContexts, id -> cellResult(id, locked, printer)),
            secrets,
            NetworkPolicy.UNSET.allowingHost(allow.networkHost()),
            pin.adHoc());
    BuildResult r = new ChrootBuilder(locked, registryOptions.puller(locked)).build(req, printer);
    if (d.output != null) {
      copy(r, locked, d, out);
    }
    printer.summary(r, d.output != null ? d.output.toString() : BuildOutput.place(r));
    return ExitCode.OK.code();
  }

  private int buildCells(Cells c) {
    PrintWriter out = spec.commandLine().getOut();
    Workspace.Loaded loaded =
        Workspace.load(
            common.file(),
            new Workspace.Options(
                Map.of(), Optional.empty(), Selection.of(c.ids, List.of()), profile.name()));
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    BuildOutput printer = new BuildOutput(out, quiet.quiet);
    StateDir locked = state.locked();
    CellBuilds builds =
        builds(
            c.backend,
            loaded,
            locked,
            printer,
            Optional.of(pin.pins(loaded, locked, out, spec.commandLine().getErr())));
    for (PlannedCell p : loaded.plan().selected()) {
      BuildResult r = builds.build(p.cell().id());
      out.println("[" + p.cell().id() + "]");
      printer.summary(r, BuildOutput.place(r));
    }
    return ExitCode.OK.code();
  }

  /** The result of cell {@code id} of the declaration, built (or taken from the cache) now. */
  private BuildResult cellResult(String id, StateDir locked, BuildOutput printer) {
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
    return builds(Backends.Kind.CHROOT, loaded, locked, printer, Optional.empty()).build(id);
  }

  /**
   * Cell builds with the backend {@code kind}, pulling registry bases as the options say, with
   * {@code host} networks allowed when {@code --allow network.host} was given, pinned to {@code
   * pins} when given (SOURCE_DATE_EPOCH, archive access).
   */
  private CellBuilds builds(
      Backends.Kind kind,
      Workspace.Loaded loaded,
      StateDir locked,
      BuildOutput printer,
      Optional<BuildPins> pins) {
    Builder builder =
        Backends.withRegistry(Backends.builder(kind, locked), locked, registryOptions);
    return Backends.builds(builder, loaded, locked, noCache, printer, allow.networkHost(), pins);
  }

  private static void copy(BuildResult r, StateDir state, DockerfileBuild d, PrintWriter out) {
    HostCommand.Result cp;
    try (LayerView view = r.view(state.tmp())) {
      cp =
          HostCommand.run(
              List.of(
                  "cp",
                  "-a",
                  "--reflink=auto",
                  view.root() + "/.",
                  d.output.toAbsolutePath() + "/"),
              null,
              Map.of(),
              l -> out.println("[" + d.cell + "] " + l));
    }
    if (!cp.ok()) {
      throw new EngineException(
          "cannot write " + d.output + ": " + String.join(" ", cp.tail()), ExitCode.FAILED);
    }
  }

  private static BuildContext context(DockerfileBuild d) {
    List<Path> roots =
        d.contexts.isEmpty() ? List.of(d.dockerfile.toAbsolutePath().getParent()) : d.contexts;
    return BuildContext.of(roots);
  }

  private static Map<String, Base> bases(Map<String, String> specs) {
    Map<String, Base> m = new LinkedHashMap<>();
    specs.forEach((ref, s) -> m.put(ref, BaseArgument.parse(s, "--base " + ref)));
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
