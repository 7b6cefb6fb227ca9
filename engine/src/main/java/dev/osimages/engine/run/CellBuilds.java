package dev.osimages.engine.run;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.archive.ArchiveAccess;
import dev.osimages.engine.archive.ArchiveRecord;
import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.builder.Builder;
import dev.osimages.engine.builder.NamedContext;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.matrix.BaseImages;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.NamedContextSpec;
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
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds planned cells with a backend, each at most once per run: a derived cell first builds (or
 * takes from the step cache) the cell it stands on and starts from its result (a root filesystem,
 * or with the Docker backend the daemon's image). The rendered Dockerfile is written under the
 * state directory so build logs and errors can name it. Each cell's RUN steps get its network
 * settings, with {@code host} allowed everywhere when the command line said so.
 */
public final class CellBuilds {
  private final Builder builder;
  private final Plan plan;
  private final Path renderedDir;
  private final boolean noCache;
  private final Hygiene hygiene;
  private final EventListener events;
  private final Map<String, BuildSecret> secrets;
  private final boolean allowHost;
  private final Map<String, Cell> cells = new LinkedHashMap<>();
  private final Map<String, BuildResult> done = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final SourceCheck sources = new SourceCheck();
  private final Optional<BuildPins> pins;
  private final Map<String, Pinning> used = new ConcurrentHashMap<>();
  private volatile Function<String, Optional<String>> pushedBases = id -> Optional.empty();

  /**
   * @param renderedDir where rendered Dockerfiles are written ({@code <dir>/<os>/<version>/})
   */
  public CellBuilds(
      Builder builder,
      Plan plan,
      Path renderedDir,
      boolean noCache,
      Hygiene hygiene,
      EventListener events) {
    this(builder, plan, renderedDir, noCache, hygiene, Map.of(), events, false, Optional.empty());
  }

  /**
   * As above, with the build secrets by id for every cell, and the run's SOURCE_DATE_EPOCH and
   * archive access ({@code pins}; empty: none, apt reaches the archive directly and nothing is
   * recorded).
   *
   * @param allowHost whether {@code --allow network.host} was given
   */
  public CellBuilds(
      Builder builder,
      Plan plan,
      Path renderedDir,
      boolean noCache,
      Hygiene hygiene,
      Map<String, BuildSecret> secrets,
      EventListener events,
      boolean allowHost,
      Optional<BuildPins> pins) {
    this.pins = pins;
    this.secrets = Map.copyOf(secrets);
    this.builder = builder;
    this.allowHost = allowHost;
    this.plan = plan;
    this.renderedDir = renderedDir;
    this.noCache = noCache;
    this.hygiene = hygiene;
    this.events = events;
    plan.cells().forEach(p -> cells.put(p.cell().id(), p.cell()));
  }

  /** The SOURCE_DATE_EPOCH the builds run with, if any. */
  public OptionalLong sourceDateEpoch() {
    return pins.map(BuildPins::sourceDateEpoch).orElse(OptionalLong.empty());
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

  /**
   * Makes derived cells start from the image {@code lookup} names (a pinned registry reference) for
   * a base cell that this run does not build itself, instead of building that base: CI fan-out,
   * where another machine built and pushed it.
   */
  public void preferPushedBases(Function<String, Optional<String>> lookup) {
    this.pushedBases = lookup;
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
            hygiene,
            p.cell().tags(),
            Map.of("dev.osimages.cell", id, "dev.osimages.input-hash", p.inputHash()),
            namedContexts(p.cell()),
            secrets,
            p.cell().network().allowingHost(allowHost),
            pinning);
    r = builder.build(req, events);
    done.put(id, r);
    return r;
  }

  /**
   * The declared base as the builder takes it: another cell becomes that cell's result, whose
   * fetches are added to {@code inherited}.
   */
  private Base base(Cell cell, List<Fetch> inherited) {
    if (!(cell.base() instanceof Base.CellRef ref)) {
      return cell.base();
    }
    boolean selected = plan.cell(ref.id()).map(PlannedCell::selected).orElse(false);
    if (!selected && !done.containsKey(ref.id())) {
      Optional<String> pushed = pushedBases.apply(ref.id());
      if (pushed.isPresent()) {
        return new Base.Registry(pushed.get());
      }
    }
    BuildResult base = build(ref.id());
    inherited.addAll(base.fetched());
    return resultAsBase(base);
  }

  /** The cell's named contexts: directories as they are, cells built first. */
  private Map<String, NamedContext> namedContexts(Cell cell) {
    Map<String, NamedContext> out = new LinkedHashMap<>();
    cell.namedContexts()
        .forEach(
            (name, c) -> {
              if (c instanceof NamedContextSpec.Dir d) {
                out.put(name, new NamedContext.Local(BuildContext.of(d.path())));
              } else {
                String id = ((NamedContextSpec.CellRef) c).id();
                out.put(name, new NamedContext.Image(id, resultAsBase(build(id))));
              }
            });
    return out;
  }

  private static Base resultAsBase(BuildResult r) {
    return r.asBase();
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
