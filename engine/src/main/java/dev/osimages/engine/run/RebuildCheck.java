package dev.osimages.engine.run;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.LogLine;
import dev.osimages.engine.export.Exporter;
import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.export.ManifestArchive;
import dev.osimages.engine.export.StagedExport;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.LayerView;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.repro.Diffoscope;
import dev.osimages.engine.repro.TarballComparison;
import dev.osimages.engine.state.StateDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * {@code engine rebuild-check}: builds a cell from clean caches (a fresh state directory per build,
 * bootstrap included; the package cache is shared) and exports it as a run would, twice, or once to
 * compare with its published set, then compares the tarballs byte for byte and, when they differ,
 * member by member, with diffoscope's explanation of the members whose content differs. The
 * evidence (both tarballs, the differences, diffoscope's report) is kept when they differ.
 */
public final class RebuildCheck {
  private final Workspace.Loaded loaded;
  private final BiFunction<StateDir, BuildPins, CellBuilds> builds;
  private final BuildPins pins;
  private final Path work;
  private final int threads;
  private final EventListener events;
  private Optional<Path> keep = Optional.empty();

  /**
   * @param builds cell builds from scratch ({@code --no-cache}) in a (temporary) state directory
   * @param work where the builds' state and the evidence go (created; emptied when identical)
   */
  public RebuildCheck(
      Workspace.Loaded loaded,
      BiFunction<StateDir, BuildPins, CellBuilds> builds,
      BuildPins pins,
      Path work,
      int threads,
      EventListener events) {
    this.loaded = loaded;
    this.builds = builds;
    this.pins = pins;
    this.work = work;
    this.threads = threads;
    this.events = events;
  }

  /**
   * Keeps the built tarballs in {@code dir} (created) as {@code NAME.img.tar.lz4}, identical or
   * not, for checking them by hand (md5sum, diffoscope).
   */
  public RebuildCheck keepingTarballs(Path dir) {
    this.keep = Optional.of(dir);
    return this;
  }

  /** What a check found. {@code evidence} is empty when the tarballs are identical. */
  public record Result(
      String cell,
      String mode,
      TarballComparison comparison,
      List<Duration> builds,
      Optional<Path> evidence,
      Optional<Path> diffoscope) {
    public Result {
      builds = List.copyOf(builds);
    }
  }

  /** Builds {@code id} twice from clean caches and compares the two tarballs. */
  public Result twice(String id) {
    Cell cell = cell(id);
    List<Duration> took = new ArrayList<>();
    Path first = buildAndExport(cell, pins, "first", took);
    Path second = buildAndExport(cell, pins, "second", took);
    return finish(cell, "two builds", first, second, took);
  }

  /**
   * Builds {@code id} once from clean caches with the SOURCE_DATE_EPOCH its published set records
   * and compares the tarball with the published one.
   */
  public Result againstPublished(String id) {
    Cell cell = cell(id);
    Path published = cell.outputDir().resolve(ImageSet.TARBALL);
    OptionalLong epoch = ManifestArchive.epoch(cell.outputDir());
    if (!Files.isRegularFile(published) || epoch.isEmpty()) {
      throw new EngineException(
          id
              + ": no published set with a recorded SOURCE_DATE_EPOCH in "
              + cell.outputDir()
              + " (publish it with this engine first, or check with two builds)",
          ExitCode.FAILED);
    }
    BuildPins recorded =
        new BuildPins(
            epoch, pins.mode(), pins.snapshot(), pins.snapshotUrl(), pins.store(), pins.bases());
    List<Duration> took = new ArrayList<>();
    Path rebuilt = buildAndExport(cell, recorded, "rebuilt", took);
    return finish(cell, "rebuilt against published", published, rebuilt, took);
  }

  private Cell cell(String id) {
    return loaded
        .plan()
        .cell(id)
        .map(PlannedCell::cell)
        .orElseThrow(
            () -> new EngineException(id + " is not a cell of the declaration", ExitCode.INVALID));
  }

  /** One build in a fresh state directory, exported; returns the tarball (state removed). */
  private Path buildAndExport(Cell cell, BuildPins p, String name, List<Duration> took) {
    Path dir = work.resolve(name);
    StateDir state = new StateDir(dir.resolve("state"));
    HostCommand.Cleanup cleanup = HostCommand.atShutdown(() -> Trees.delete(state.root()));
    try {
      Files.createDirectories(state.root());
      events.on(
          new LogLine(
              cell.id(), "rebuild-check", name + " build from clean caches in " + state.root()));
      long t0 = System.nanoTime();
      BuildResult built = builds.apply(state, p).build(cell.id());
      took.add(Duration.ofNanos(System.nanoTime() - t0));
      StagedExport staged = export(cell, built, dir.resolve("export"), p);
      Path tarball = dir.resolve(ImageSet.TARBALL);
      Files.move(staged.tarball(), tarball, StandardCopyOption.ATOMIC_MOVE);
      Trees.delete(staged.stagingDir());
      return tarball;
    } catch (IOException e) {
      throw new UncheckedIOException("rebuild check of " + cell.id() + " in " + dir, e);
    } finally {
      cleanup.run();
    }
  }

  private StagedExport export(Cell cell, BuildResult built, Path target, BuildPins p) {
    var options =
        ExportSettings.of(loaded.declaration().output(), cell, threads, p.sourceDateEpoch());
    if (built.daemonImage().isPresent()) {
      return new DaemonExport(work, events)
          .stage(cell.id(), built.daemonImage().get(), target, options);
    }
    // The build state is removed after the export: the view of its layers is closed first.
    try (LayerView view = built.view(work)) {
      return new Exporter(events).stage(cell.id(), view.root(), target, options);
    }
  }

  /** Copies a tarball built here (not a published one) into the keep directory. */
  private void keep(Path tarball) {
    if (!tarball.startsWith(work)) {
      return;
    }
    Path dir = keep.orElseThrow();
    Path to = dir.resolve(tarball.getParent().getFileName() + "." + ImageSet.TARBALL);
    try {
      Files.createDirectories(dir);
      Files.copy(tarball, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep " + tarball + " as " + to, e);
    }
  }

  private Result finish(Cell cell, String mode, Path a, Path b, List<Duration> took) {
    TarballComparison c = TarballComparison.of(a, b);
    if (keep.isPresent()) {
      keep(a);
      keep(b);
    }
    if (c.identical()) {
      Trees.delete(work);
      return new Result(cell.id(), mode, c, took, Optional.empty(), Optional.empty());
    }
    List<String> members =
        c.differences().stream()
            .filter(TarballComparison.Difference::content)
            .map(TarballComparison.Difference::path)
            .toList();
    try {
      Files.write(
          work.resolve("differences.txt"),
          c.differences().stream().map(TarballComparison.Difference::describe).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + work.resolve("differences.txt"), e);
    }
    Optional<Path> report =
        Diffoscope.explain(
            a,
            b,
            members,
            work.resolve("diffoscope"),
            l -> events.on(new LogLine(cell.id(), "diffoscope", l)));
    return new Result(cell.id(), mode, c, took, Optional.of(work), report);
  }
}
