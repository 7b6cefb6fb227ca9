package dev.osimages.engine.run;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.event.StageFinished;
import dev.osimages.engine.event.StageStarted;
import dev.osimages.engine.export.Attachments;
import dev.osimages.engine.export.CheckedSets;
import dev.osimages.engine.export.ExportOptions;
import dev.osimages.engine.export.Exporter;
import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.export.ManifestExtras;
import dev.osimages.engine.export.Publisher;
import dev.osimages.engine.export.SetSignatures;
import dev.osimages.engine.export.StagedExport;
import dev.osimages.engine.host.LayerView;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.run.Scheduler.Outcome;
import dev.osimages.engine.run.Scheduler.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cell's way through a run: skip it when its published set is up to date (same input hash,
 * checksums sound, or its files unchanged since they last were: see {@link CheckedSets}), otherwise
 * build, export into staging, verify with the suites the test matrix assigns, and publish only when
 * every check passed. A failure anywhere discards the staged set, so the store keeps the previous
 * complete set.
 */
public final class CellPipeline {
  private final Workspace.Loaded loaded;
  private final CellBuilds builds;
  private final CellVerification verification;
  private final RunOptions options;
  private final CheckedSets checked;
  private final EventListener events;
  private final String engineVersion;
  private final Map<String, CellReport> reports = new ConcurrentHashMap<>();

  public CellPipeline(
      Workspace.Loaded loaded,
      CellBuilds builds,
      CellVerification verification,
      RunOptions options,
      CheckedSets checked,
      String engineVersion,
      EventListener events) {
    this.loaded = loaded;
    this.builds = builds;
    this.verification = verification;
    this.options = options;
    this.checked = checked;
    this.engineVersion = engineVersion;
    this.events = events;
  }

  /** What each cell ended as, by id (filled as cells finish). */
  public Map<String, CellReport> reports() {
    return reports;
  }

  /**
   * Runs cell {@code id}; never throws: an {@link EngineException} is a failed outcome naming cell
   * and stage, any other exception an {@link Status#ERROR} outcome that keeps it.
   */
  public Outcome run(String id) {
    PlannedCell p = loaded.plan().cell(id).orElseThrow();
    if (!p.selected()) {
      // Only needed as a base: built on demand by the cells that need it (cache-served).
      return new Outcome(Status.UP_TO_DATE, "base of a selected cell; built when needed");
    }
    if (!options.force() && upToDate(p)) {
      return record(
          p,
          new Outcome(Status.UP_TO_DATE, signIfUnsigned(p.cell().outputDir())),
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO,
          0,
          List.of());
    }
    Duration build = Duration.ZERO;
    Duration export = Duration.ZERO;
    Stage stage = Stage.BUILD;
    StagedExport staged = null;
    Instant t = Instant.now();
    Instant started = t;
    try {
      events.on(new StageStarted(id, Stage.BUILD, ""));
      BuildResult built = builds.build(id);
      build = Duration.between(t, Instant.now());
      events.on(new StageFinished(id, Stage.BUILD, "", true, build));
      stage = Stage.EXPORT;
      staged = export(id, built, p.cell());
      export = staged.took();
      stage = Stage.VERIFY;
      CellVerification.Result v = verify(p.cell(), built, staged);
      if (!v.ok()) {
        new Publisher().discard(staged);
        return record(
            p, Outcome.failed(v.summary()), build, export, v.took(), staged.lz4Bytes(), v.checks());
      }
      stage = Stage.PUBLISH;
      t = Instant.now();
      events.on(new StageStarted(id, Stage.PUBLISH, ""));
      new Publisher()
          .publish(
              staged,
              new ManifestExtras(
                  id,
                  p.inputHash(),
                  engineVersion,
                  builds.recipe(),
                  build,
                  v.took(),
                  built.pulled(),
                  builds.record(id, built)),
              attachments(p, built, staged, started));
      checked.record(p.cell().outputDir());
      events.on(new StageFinished(id, Stage.PUBLISH, "", true, Duration.between(t, Instant.now())));
      return record(
          p,
          Outcome.ok(
              "published to "
                  + p.cell().outputDir()
                  + (built.pulled().isEmpty()
                      ? ""
                      : " (base " + String.join(", ", built.pulled()) + ")")),
          build,
          export,
          v.took(),
          staged.lz4Bytes(),
          v.checks());
    } catch (RuntimeException e) {
      if (stage == Stage.BUILD) {
        build = Duration.between(t, Instant.now());
      }
      if (stage == Stage.BUILD || stage == Stage.PUBLISH) {
        // Export and verify report their own end; build and publish are the pipeline's.
        events.on(new StageFinished(id, stage, "", false, Duration.between(t, Instant.now())));
      }
      if (staged != null && stage != Stage.PUBLISH) {
        new Publisher().discard(staged);
      }
      if (!(e instanceof EngineException)) {
        // A bug, not a verdict on the image: keep the exception for --stacktrace and exit 70.
        return record(
            p,
            Outcome.error(id + ": " + stage + ": internal error: " + e, e),
            build,
            export,
            Duration.ZERO,
            0,
            List.of());
      }
      String why = e.getMessage();
      String message = why.startsWith(id) ? why : id + ": " + stage + ": " + why;
      return record(p, Outcome.failed(message), build, export, Duration.ZERO, 0, List.of());
    }
  }

  /** The SBOM's added files, the provenance and (with a key) the signature of a staged set. */
  private Attachments attachments(
      PlannedCell p, BuildResult built, StagedExport staged, Instant started) {
    String sha256 = staged.sha256();
    return new Attachments(
        AddedFiles.of(p, loaded.declaration().baseDir()),
        Optional.of(
            new CellProvenance(loaded, engineVersion, builds.recipe())
                .write(p, built, staged, started, builds.record(p.cell().id(), built))),
        options.signingKey().map(k -> k.blobSignature(sha256)));
  }

  /**
   * An up-to-date set gets a signature when a key is given and it has none by that key (signing is
   * not an input: the set need not be rebuilt for it).
   */
  private String signIfUnsigned(Path dir) {
    if (options.signingKey().isEmpty()
        || SetSignatures.verify(dir, options.signingKey().get().verifyingKey()).isEmpty()) {
      return "up to date";
    }
    SetSignatures.sign(dir, options.signingKey().get());
    checked.record(dir);
    return "up to date; signed";
  }

  private StagedExport export(String id, BuildResult built, Cell cell) {
    if (built.daemonImage().isPresent()) {
      return new DaemonExport(options.scratch(), events)
          .stage(id, built.daemonImage().get(), cell.outputDir(), exportOptions(cell));
    }
    try (LayerView view = built.view(options.scratch())) {
      return new Exporter(events).stage(id, view.root(), cell.outputDir(), exportOptions(cell));
    }
  }

  /** A daemon-kept result is verified on its unpacked staged tarball (see DaemonExport). */
  private CellVerification.Result verify(Cell cell, BuildResult built, StagedExport staged) {
    if (built.daemonImage().isEmpty()) {
      try (LayerView view = built.view(options.scratch())) {
        return verification.verify(cell, view.root());
      }
    }
    Path rootfs = new DaemonExport(options.scratch(), events).unpack(cell.id(), staged);
    try {
      return verification.verify(cell, rootfs);
    } finally {
      DaemonExport.remove(rootfs);
    }
  }

  private boolean upToDate(PlannedCell p) {
    if (!ImageSet.publishedInputHash(p.cell().outputDir()).orElse("").equals(p.inputHash())) {
      return false;
    }
    // Built by the other backend, or by an older clean-up (a set from before the field): rebuild.
    if (!ImageSet.publishedBuiltWith(p.cell().outputDir()).orElse("").equals(builds.recipe())) {
      return false;
    }
    return checked.sound(p.cell().outputDir());
  }

  private ExportOptions exportOptions(Cell cell) {
    return ExportSettings.of(
        loaded.declaration().output(), cell, options.exportThreads(), builds.sourceDateEpoch());
  }

  private Outcome record(
      PlannedCell p,
      Outcome outcome,
      Duration build,
      Duration export,
      Duration verify,
      long bytes,
      List<CellReport.Checks> checks) {
    reports.put(
        p.cell().id(),
        new CellReport(
            p.cell().id(),
            outcome.status(),
            outcome.message(),
            build,
            export,
            verify,
            bytes,
            checks,
            outcome.error()));
    return outcome;
  }
}
