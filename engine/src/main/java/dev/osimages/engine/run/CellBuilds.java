package dev.osimages.engine.run;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.archive.ArchiveAccess;
import dev.osimages.engine.archive.ArchiveRecord;
import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.base.Base;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.Builder;
import dev.osimages.engine.builder.Hygiene;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.matrix.BaseImages;
import dev.osimages.engine.model.BaseSpec;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.plan.Plan;
import dev.osimages.engine.plan.PlannedCell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds planned cells with a backend, each at most once per run: a derived cell first builds (or
 * takes from the step cache) the cell it stands on and starts from its result (a root filesystem,
 * or with the Docker backend the daemon's image). The rendered Dockerfile is written under the
 * state directory so build logs and errors can name it.
 */
public final class CellBuilds {
  private final Builder builder;
  private final Plan plan;
  private final Path renderedDir;
  private final boolean noCache;
  private final boolean cleanApt;
  private final EventListener events;
  private final Map<String, Cell> cells = new LinkedHashMap<>();
  private final Map<String, BuildResult> done = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final SourceCheck sources = new SourceCheck();
  private final Optional<BuildPins> pins;
  private final Map<String, Pinning> used = new ConcurrentHashMap<>();

  /**
   * @param renderedDir where rendered Dockerfiles are written ({@code <dir>/<os>/<version>/})
   */
  public CellBuilds(
      Builder builder,
      Plan plan,
      Path renderedDir,
      boolean noCache,
      boolean cleanApt,
      EventListener events) {
    this(builder, plan, renderedDir, noCache, cleanApt, events, Optional.empty());
  }

  /**
   * As above, with the run's SOURCE_DATE_EPOCH and archive access ({@code pins}; empty: none, apt
   * reaches the archive directly and nothing is recorded).
   */
  public CellBuilds(
      Builder builder,
      Plan plan,
      Path renderedDir,
      boolean noCache,
      boolean cleanApt,
      EventListener events,
      Optional<BuildPins> pins) {
    this.pins = pins;
    this.builder = builder;
    this.plan = plan;
    this.renderedDir = renderedDir;
    this.noCache = noCache;
    this.cleanApt = cleanApt;
    this.events = events;
    plan.cells().forEach(p -> cells.put(p.cell().id(), p.cell()));
  }

  /** The SOURCE_DATE_EPOCH the builds run with, if any. */
  public java.util.OptionalLong sourceDateEpoch() {
    return pins.map(BuildPins::sourceDateEpoch).orElse(java.util.OptionalLong.empty());
  }

  /** The record of a result for manifest.json: the epoch, the archive access and its fetches. */
  public ArchiveRecord record(String id, BuildResult r) {
    if (pins.isEmpty()) {
      return ArchiveRecord.NONE;
    }
    ArchiveAccess access =
        Optional.ofNullable(used.get(id))
            .map(Pinning::archive)
            .orElseGet(() -> new ArchiveAccess.Live(pins.get().store()));
    return ArchiveRecord.of(
        pins.get().sourceDateEpoch(), access, r.fetched(), Optional.of(pins.get().store()));
  }

  /** The backend and clean-up revision the builds run with ({@link Builder#recipe()}). */
  public String recipe() {
    return builder.recipe();
  }

  /** The built root filesystem of cell {@code id} (and of its bases, built first if needed). */
  public BuildResult build(String id) {
    // Two cells on the same (skipped, up-to-date) base may ask for it at once: build it once.
    synchronized (locks.computeIfAbsent(id, k -> new Object())) {
      BuildResult r = done.get(id);
      return r != null ? r : buildNow(id);
    }
  }

  private BuildResult buildNow(String id) {
    BuildResult r;
    PlannedCell p =
        plan.cell(id).orElseThrow(() -> new IllegalArgumentException(id + " is not planned"));
    sources.check(p);
    Map<String, Base> bases = new HashMap<>();
    List<Fetch> inherited = new ArrayList<>();
    bases.put(BaseImages.reference(p.cell(), cells), base(p.cell(), inherited));
    Pinning pinning = pins.map(x -> x.pinning(p.cell(), cells, inherited)).orElse(Pinning.NONE);
    used.put(id, pinning);
    BuildRequest req =
        new BuildRequest(
            id,
            dockerfile(p),
            BuildContext.of(p.cell().contexts()),
            Map.of(),
            bases,
            Optional.empty(),
            noCache,
            Hygiene.standard(cleanApt),
            p.cell().tags(),
            Map.of("dev.osimages.cell", id, "dev.osimages.input-hash", p.inputHash()),
            pinning);
    r = builder.build(req, events);
    done.put(id, r);
    return r;
  }

  /** The base of {@code cell}; a base cell's fetches are added to {@code inherited}. */
  private Base base(Cell cell, List<Fetch> inherited) {
    BaseSpec spec = cell.base();
    if (spec instanceof BaseSpec.Bootstrap b) {
      return new Base.Bootstrap(
          b.suite(),
          b.variant(),
          b.components(),
          b.packages(),
          b.mirror(),
          b.archiveKey().map(k -> new Base.ArchiveKey(k.packageName(), k.file(), k.fingerprint())));
    }
    if (spec instanceof BaseSpec.Registry r) {
      return new Base.Registry(r.reference());
    }
    BuildResult base = build(((BaseSpec.CellRef) spec).id());
    inherited.addAll(base.fetched());
    return base.daemonImage()
        .<Base>map(i -> new Base.DaemonImage(i.id()))
        .orElseGet(() -> new Base.RootfsDir(base.rootfs()));
  }

  private Path dockerfile(PlannedCell p) {
    Path file =
        renderedDir.resolve(p.cell().os()).resolve(p.cell().version()).resolve("Dockerfile");
    try {
      AtomicFiles.write(file, p.dockerfile());
    } catch (IOException e) {
      throw new EngineException(
          p.cell().id() + ": build: cannot write " + file + ": " + e.getMessage(),
          ExitCode.FAILED,
          e);
    }
    return file;
  }
}
