package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.cache.CachePruner;
import dev.osimages.engine.cache.PrunePolicy;
import dev.osimages.engine.export.CheckedSets;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.matrix.DependencyGraph;
import dev.osimages.engine.model.Output;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.push.CellPushes;
import dev.osimages.engine.push.PushedBases;
import dev.osimages.engine.run.CellBuilds;
import dev.osimages.engine.run.CellPipeline;
import dev.osimages.engine.run.CellReport;
import dev.osimages.engine.run.CellVerification;
import dev.osimages.engine.run.NetworkEntitlements;
import dev.osimages.engine.run.RunOptions;
import dev.osimages.engine.run.Scheduler;
import dev.osimages.engine.state.StateDir;
import dev.osimages.engine.verify.Verifier;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code engine run --matrix}: build, export, verify and publish every selected cell. */
@Command(
    name = "run",
    description = {
      "Build, export, verify and publish each selected cell of the matrix.",
      "Each selected cell is built, exported, verified with the suites the test"
          + " matrix assigns, and published only when every check passed. Cells go in dependency"
          + " order, independent cells in parallel; a failed cell stops only the cells built on"
          + " it. A cell whose published manifest has its input hash and whose files pass their"
          + " checksums is up to date and skipped (--force rebuilds).",
      "On a terminal each running cell has a live status line; with -q or when the output is"
          + " not a terminal, events are plain lines prefixed with the cell id.",
      "Exit code 0 only when every selected cell is published or up to date."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SelectionOptions selection;
  @Mixin SigningOptions signing;
  @Mixin PinOptions pin;

  @Option(names = "--matrix", required = true, description = "Run the matrix of the declaration.")
  boolean matrix;

  @Option(
      names = "--push",
      description =
          "Push each selected cell to the registry right after it is published (or found up to"
              + " date), as engine push does (signed and attested in cosign's layout when a"
              + " signing key is given); a push failure fails the run, not the cells built on it.")
  boolean push;

  @Option(
      names = "--registry",
      paramLabel = "PREFIX",
      description =
          "With --push: host[:port][/path] to push under, instead of output.registry.prefix.")
  String registry = "";

  @Mixin StateDirOption state;
  @Mixin QuietOption quiet;
  @Mixin BootTimeoutOption boot;
  @Mixin RegistryOptions registryOptions;
  @Mixin AllowOption allow;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      defaultValue = "2",
      description = "Cells built, exported and verified at once (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Mixin BackendOption backend;

  @Option(names = "--no-cache", description = "Rebuild every step from the base.")
  boolean noCache;

  @Option(names = "--force", description = "Rebuild cells that are up to date.")
  boolean force;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description =
          "Run every assigned suite on this target instead of the ones the test matrix names:"
              + " ${COMPLETION-CANDIDATES}.")
  TargetKind target;

  @Option(names = "--report-junit", paramLabel = "FILE", description = "Write a JUnit XML report.")
  Path junit;

  @Option(names = "--report-json", paramLabel = "FILE", description = "Write a JSON report.")
  Path json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private final Backends.BuilderSource builders;

  RunCommand(Backends.BuilderSource builders) {
    this.builders = builders;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (jobs < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs must be at least 1");
    }
    // Before any work: a key that cannot be used fails the run at once, nothing built.
    Optional<dev.osimages.engine.signing.SigningKey> key = signing.load();
    PrintWriter out = spec.commandLine().getOut();
    Workspace.Loaded loaded = Workspace.load(common.file(), selection.toOptions());
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    boolean allowHost = allow.networkHost();
    NetworkEntitlements.check(loaded.plan(), allowHost);
    loaded.profile().ifPresent(pr -> out.printf("profile %s: %s%n", pr.name(), pr.description()));
    // A terminal gets live per-cell lines; pipes and CI logs get plain prefixed lines.
    boolean terminal = System.console() != null && !quiet.quiet;
    LiveStatus live = terminal ? new LiveStatus(out) : null;
    dev.osimages.engine.event.EventListener events =
        terminal ? live : new EventPrinter(out, quiet.quiet);
    StateDir stateDir = state.locked();
    // What this run uses is stamped from here on (from a second before: a file's stamp can lag
    // the clock by the file system's timestamp granularity); pruning after it keeps all of that.
    java.time.Instant started = java.time.Instant.now().minusSeconds(1);
    CellPushes pushes = null;
    // One client for the command: builds' pulls, pushed bases and pushes share its connections.
    dev.osimages.engine.registry.RegistryClient client = push ? registryOptions.client() : null;
    if (push) {
      pushes = new CellPushes(loaded, registry, client, stateDir, key, events);
      pushes.checkTargets();
    }
    CellPushes pusher = pushes;
    Map<String, PushLines.Line> pushLines = new java.util.concurrent.ConcurrentHashMap<>();
    RunOptions options =
        new RunOptions(
            force, Math.max(1, Runtime.getRuntime().availableProcessors()), stateDir.tmp(), key);
    CellBuilds builds =
        Backends.builds(
            Backends.withRegistry(builders.open(backend.kind, stateDir), stateDir, registryOptions),
            loaded,
            stateDir,
            noCache,
            events,
            allowHost,
            Optional.of(pin.pins(loaded, stateDir, out, spec.commandLine().getErr())));
    if (push) {
      // Fan-out: a base cell this run does not build comes from the registry when pushed there.
      builds.preferPushedBases(
          new PushedBases(
                  loaded,
                  registry,
                  client,
                  stateDir.tmp().resolve("pushed-bases"),
                  key.map(dev.osimages.engine.signing.SigningKey::verifyingKey))
              ::find);
    }
    CellPipeline pipeline =
        new CellPipeline(
            loaded,
            builds,
            new CellVerification(
                new Verifier(),
                Optional.ofNullable(target),
                TargetOptions.defaults().withBootTimeout(boot.timeout).withScratch(stateDir.tmp()),
                events),
            options,
            new CheckedSets(stateDir.checked()),
            EngineVersion.current(),
            events);
    List<Scheduler.Node> nodes = new ArrayList<>();
    for (PlannedCell p : loaded.plan().cells()) {
      nodes.add(new Scheduler.Node(p.cell().id(), DependencyGraph.needs(p.cell())));
    }
    Map<String, Scheduler.Outcome> outcomes;
    try {
      outcomes =
          new Scheduler(jobs)
              .run(
                  nodes,
                  id -> {
                    Scheduler.Outcome o = pipeline.run(id);
                    PushLines.Line line = pusher == null ? null : pushAfter(pusher, loaded, id, o);
                    if (line != null) { // none for a base that is not selected
                      pushLines.put(id, line);
                    }
                    if (live != null) {
                      live.finished(id);
                    }
                    return o;
                  });
    } finally {
      if (live != null) {
        live.close();
      }
    }
    List<CellReport> reports = new ArrayList<>();
    for (PlannedCell p : loaded.plan().selected()) {
      String id = p.cell().id();
      reports.add(pipeline.reports().getOrDefault(id, CellReport.of(id, outcomes.get(id))));
    }
    out.println();
    out.print(summary(reports));
    boolean pushed = true;
    for (PlannedCell p : loaded.plan().selected()) {
      PushLines.Line line = pushLines.get(p.cell().id());
      if (line != null) {
        out.println(line.text());
        pushed &= line.ok();
      }
    }
    out.flush();
    writeReports(reports);
    pruneCache(loaded.declaration().output().cache(), stateDir, started, out);
    if (printErrors(outcomes)) {
      return ExitCode.INTERNAL.code();
    }
    return pushed && reports.stream().allMatch(RunReports::succeeded)
        ? ExitCode.OK.code()
        : ExitCode.FAILED.code();
  }

  /**
   * {@code output.cache}: after publishing, the cache is pruned to its bounds, keeping every entry
   * this run used (its layers, bases), and what was removed is printed.
   */
  private static void pruneCache(
      Output.Cache bounds, StateDir stateDir, java.time.Instant started, PrintWriter out) {
    if (!bounds.bounded()) {
      return;
    }
    PrunePolicy policy =
        new PrunePolicy(
                bounds.maxBytes(),
                bounds.keepDays().map(java.time.Duration::ofDays),
                Optional.empty())
            .holding(started);
    CacheCommand.print(out, "cache: ", new CachePruner(stateDir).prune(policy));
  }

  /** Pushes a selected cell that is published or up to date; the summary line, else null. */
  private static PushLines.Line pushAfter(
      CellPushes pusher, Workspace.Loaded loaded, String id, Scheduler.Outcome o) {
    boolean selected = loaded.plan().cell(id).map(PlannedCell::selected).orElse(false);
    if (!selected
        || (o.status() != Scheduler.Status.OK && o.status() != Scheduler.Status.UP_TO_DATE)) {
      return null;
    }
    try {
      return PushLines.ok(pusher.push(id));
    } catch (EngineException e) {
      return PushLines.failure(id, e.getMessage());
    }
  }

  /**
   * Prints the stack trace of every cell that ended in an engine bug (with {@code --stacktrace},
   * else a hint); whether there was one. A base built only for others is among them too.
   */
  private boolean printErrors(Map<String, Scheduler.Outcome> outcomes) {
    PrintWriter err = spec.commandLine().getErr();
    boolean trace = ErrorHandler.stacktrace(spec.root().commandLine().getParseResult());
    boolean any = false;
    for (Scheduler.Outcome o : outcomes.values()) {
      if (o.error().isPresent()) {
        any = true;
        if (trace) {
          err.println("engine: " + o.message());
          o.error().get().printStackTrace(err);
        }
      }
    }
    if (any && !trace) {
      err.println(
          "engine: a cell ended in an internal error; run again with --stacktrace to see where.");
    }
    err.flush();
    return any;
  }

  private void writeReports(List<CellReport> reports) {
    try {
      if (junit != null) {
        AtomicFiles.write(junit, RunReports.junit(reports));
      }
      if (json != null) {
        AtomicFiles.write(json, RunReports.json(reports));
      }
    } catch (IOException e) {
      throw new EngineException("writing a report: " + e.getMessage(), ExitCode.FAILED, e);
    }
  }

  static String summary(List<CellReport> reports) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "CELL", "RESULT", "BUILD", "EXPORT", "VERIFY", "SIZE", "CHECKS ok/failed/skipped"
        });
    for (CellReport r : reports) {
      long[] t = r.totals();
      rows.add(
          new String[] {
            r.id(),
            r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            secs(r.build()),
            secs(r.export()),
            secs(r.verify()),
            r.tarballBytes() == 0
                ? "-"
                : String.format(Locale.ROOT, "%.1f MB", r.tarballBytes() / 1e6),
            t[0] == 0 ? "-" : (t[0] - t[1] - t[2]) + "/" + t[1] + "/" + t[2]
          });
    }
    StringBuilder s = new StringBuilder(Tables.render(rows));
    for (CellReport r : reports) {
      if (!RunReports.succeeded(r)) {
        s.append(r.message().startsWith(r.id()) ? "" : r.id() + ": ")
            .append(r.message())
            .append('\n');
      }
    }
    return s.toString();
  }

  private static String secs(Duration d) {
    return d.isZero() ? "-" : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
