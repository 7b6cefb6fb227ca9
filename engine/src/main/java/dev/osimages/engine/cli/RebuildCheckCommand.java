package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.Builder;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.repro.Diffoscope;
import dev.osimages.engine.repro.TarballComparison;
import dev.osimages.engine.run.BuildPins;
import dev.osimages.engine.run.RebuildCheck;
import dev.osimages.engine.state.StateDir;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine rebuild-check <id>}: proves (or disproves) that a cell builds reproducibly. */
@Command(
    name = "rebuild-check",
    description = {
      "Build a cell twice from clean caches (or once, --against-published, to compare with its"
          + " published set) and report whether the img.tar.lz4 files are identical, bit for bit.",
      "When they differ: the differing tar members (path, type, mode, owner, size, content, link"
          + " target, xattrs, mtime), and diffoscope's explanation of the changed files when"
          + " diffoscope is installed. Exit code 0 when identical, 1 when not.",
      "",
      "  engine rebuild-check --profile distro debian/13",
      "  engine rebuild-check --against-published --offline debian/13"
    })
final class RebuildCheckCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin ProfileOption profile;
  @Mixin PinOptions pin;
  @Mixin RegistryOptions registryOptions;

  @Parameters(paramLabel = "ID", description = "The cell to check, e.g. debian/13.")
  String id;

  @Option(
      names = "--against-published",
      description =
          "Build once, with the SOURCE_DATE_EPOCH the published set records, and compare with"
              + " the published img.tar.lz4.")
  boolean againstPublished;

  @Option(
      names = "--keep",
      paramLabel = "DIR",
      description =
          "Keep the built tarballs here (first.img.tar.lz4 and second.img.tar.lz4, or"
              + " rebuilt.img.tar.lz4), identical or not.")
  Path keep;

  @Mixin BackendOption backend;

  // The package cache comes from here; the clean builds run under its tmp/.
  @Mixin StateDirOption stateDir;
  @Mixin QuietOption quiet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Workspace.Loaded loaded =
        Workspace.load(
            common.file(),
            new Workspace.Options(
                Map.of(), Optional.empty(), Selection.of(List.of(id), List.of()), profile.name()));
    Warnings.print(err, loaded.warnings());
    if (loaded.plan().selected().size() != 1) {
      throw new EngineException(
          "rebuild-check takes one cell id, '"
              + id
              + "' selects "
              + loaded.plan().selected().size(),
          ExitCode.INVALID);
    }
    String cell = loaded.plan().selected().get(0).cell().id();
    StateDir state = stateDir.locked();
    BuildPins pins;
    if (againstPublished) {
      // The rebuild takes the published set's epoch: the declaration's does not count here.
      pins = pin.pins(OptionalLong.empty(), state);
      out.println(
          "SOURCE_DATE_EPOCH: the published set's; archive: "
              + pins.mode().name().toLowerCase(java.util.Locale.ROOT)
              + pins.snapshot().map(s -> " " + s).orElse(""));
    } else {
      pins = pin.pins(loaded, state, out, err);
      if (pins.sourceDateEpoch().isEmpty()) {
        err.println(
            "engine: warning: without SOURCE_DATE_EPOCH the two builds cannot be identical");
      }
    }
    Files.createDirectories(state.tmp());
    Path work = Files.createTempDirectory(state.tmp(), "rebuild-check-");
    EventPrinter events = new EventPrinter(out, quiet.quiet);
    Function<StateDir, Builder> backends = builders(state);
    RebuildCheck check =
        new RebuildCheck(
            loaded,
            (s, p) ->
                Backends.builds(backends.apply(s), loaded, s, true, events, false, Optional.of(p)),
            pins,
            work,
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            events);
    if (keep != null) {
      check.keepingTarballs(keep.toAbsolutePath());
    }
    RebuildCheck.Result r = againstPublished ? check.againstPublished(cell) : check.twice(cell);
    report(out, r);
    return r.comparison().identical() ? ExitCode.OK.code() : ExitCode.FAILED.code();
  }

  /** The backend for each clean build's state; a bad name or an absent daemon fails now. */
  private Function<StateDir, Builder> builders(StateDir state) {
    Backends.builder(backend.kind, state);
    return s -> Backends.withRegistry(Backends.builder(backend.kind, s), s, registryOptions);
  }

  private static void report(PrintWriter out, RebuildCheck.Result r) {
    TarballComparison c = r.comparison();
    String times =
        String.join(
            ", ",
            r.builds().stream().map(d -> String.format("%.1fs", d.toMillis() / 1000.0)).toList());
    out.println();
    if (c.identical()) {
      out.printf(
          "%s: reproducible (%s, build %s): img.tar.lz4 identical, sha256 %s%n",
          r.cell(), r.mode(), times, c.firstSha256());
      return;
    }
    out.printf(
        "%s: NOT reproducible (%s, build %s): sha256 %s vs %s, %d member(s) differ%s%n",
        r.cell(),
        r.mode(),
        times,
        c.firstSha256(),
        c.secondSha256(),
        c.differences().size(),
        c.orderDiffers() ? ", and the member order differs" : "");
    c.differences().stream().limit(50).forEach(d -> out.println("  " + d.describe()));
    if (c.differences().size() > 50) {
      out.printf("  ... and %d more%n", c.differences().size() - 50);
    }
    Path evidence = r.evidence().orElseThrow();
    out.println("evidence: " + evidence + " (both tarballs, differences.txt)");
    if (r.diffoscope().isPresent()) {
      out.println("diffoscope: " + r.diffoscope().get());
    } else if (!Diffoscope.available()) {
      out.println(
          "diffoscope is not installed (Debian package diffoscope-minimal): no explanation");
    }
  }
}
