package dev.osimages.engine.run;

import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.export.CheckedSets;
import dev.osimages.engine.export.ExportOptions;
import dev.osimages.engine.export.Exporter;
import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.export.ManifestExtras;
import dev.osimages.engine.export.Publisher;
import dev.osimages.engine.export.StagedExport;
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

  /** Runs cell {@code id}; never throws: a failure is an outcome naming cell and stage. */
  public Outcome run(String id) {
    PlannedCell p = loaded.plan().cell(id).orElseThrow();
    if (!p.selected()) {
      // Only needed as a base: built on demand by the cells that need it (cache-served).
      return new Outcome(Status.UP_TO_DATE, "base of a selected cell; built when needed");
    }
    if (!options.force() && upToDate(p)) {
      return record(
          p,
          Status.UP_TO_DATE,
          "up to date",
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO,
          0,
          List.of());
    }
    Duration build = Duration.ZERO;
    Duration export = Duration.ZERO;
    String stage = "build";
    StagedExport staged = null;
    Instant t = Instant.now();
    try {
      BuildResult built = builds.build(id);
      build = Duration.between(t, Instant.now());
      stage = "export";
      staged = export(id, built, p.cell());
      export = staged.took();
      stage = "verify";
      CellVerification.Result v = verify(p.cell(), built, staged);
      if (!v.ok()) {
        new Publisher().discard(staged);
        return record(
            p, Status.FAILED, v.summary(), build, export, v.took(), staged.lz4Bytes(), v.checks());
      }
      stage = "publish";
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
                  builds.record(id, built)));
      checked.record(p.cell().outputDir());
      return record(
          p,
          Status.OK,
          "published to " + p.cell().outputDir(),
          build,
          export,
          v.took(),
          staged.lz4Bytes(),
          v.checks());
    } catch (RuntimeException e) {
      if (stage.equals("build")) {
        build = Duration.between(t, Instant.now());
      }
      if (staged != null && !stage.equals("publish")) {
        new Publisher().discard(staged);
      }
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      String message = why.startsWith(id) ? why : id + ": " + stage + ": " + why;
      return record(p, Status.FAILED, message, build, export, Duration.ZERO, 0, List.of());
    }
  }

  private StagedExport export(String id, BuildResult built, Cell cell) {
    if (built.daemonImage().isPresent()) {
      return new DaemonExport(options.scratch(), events)
          .stage(id, built.daemonImage().get(), cell.outputDir(), exportOptions(cell));
    }
    return new Exporter(events).stage(id, built.rootfs(), cell.outputDir(), exportOptions(cell));
  }

  /** A daemon-kept result is verified on its unpacked staged tarball (see DaemonExport). */
  private CellVerification.Result verify(Cell cell, BuildResult built, StagedExport staged) {
    if (built.daemonImage().isEmpty()) {
      return verification.verify(cell, built.rootfs());
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
      Status status,
      String message,
      Duration build,
      Duration export,
      Duration verify,
      long bytes,
      List<CellReport.Checks> checks) {
    reports.put(
        p.cell().id(),
        new CellReport(p.cell().id(), status, message, build, export, verify, bytes, checks));
    return new Outcome(status, message);
  }
}
