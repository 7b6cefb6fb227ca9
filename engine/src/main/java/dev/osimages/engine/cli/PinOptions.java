package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.archive.ArchiveAccess;
import dev.osimages.engine.archive.PackageStore;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.archive.SnapshotUrl;
import dev.osimages.engine.export.ExportOptions;
import dev.osimages.engine.plan.SourceDateEpoch;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.run.BuildPins;
import dev.osimages.engine.state.StateDir;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Option;

/**
 * The options that pin builds ({@code run}, {@code build}, {@code rebuild-check}): the
 * SOURCE_DATE_EPOCH, and how apt reaches the package archives (a snapshot, offline from the package
 * cache, or directly without the recording proxy).
 */
final class PinOptions {
  @Option(
      names = "--source-date-epoch",
      paramLabel = "SECONDS",
      description =
          "SOURCE_DATE_EPOCH for every RUN step and the bootstrap, and the latest mtime in the"
              + " image (default: output.sourceDateEpoch, else $SOURCE_DATE_EPOCH, else the time"
              + " of the declaration's last commit).")
  String sourceDateEpoch;

  @Option(
      names = "--archive-snapshot",
      paramLabel = "TIMESTAMP",
      description =
          "Fetch every package from a snapshot of the archive at this time (YYYYMMDDTHHMMSSZ),"
              + " through the URL template bootstrap.snapshot of the cell's base, or"
              + " --archive-snapshot-url.")
  String snapshot;

  @Option(
      names = "--archive-snapshot-url",
      paramLabel = "TEMPLATE",
      description =
          "The snapshot service's URL template, with {timestamp} where the time goes (overrides"
              + " bootstrap.snapshot).")
  String snapshotUrl;

  @Option(
      names = "--offline",
      description =
          "Reach no archive: apt gets exactly the files the cell's published set recorded"
              + " (manifest.json archive.fetched), from the package cache in the state directory.")
  boolean offline;

  @Option(
      names = "--no-archive-proxy",
      description =
          "Let apt reach the archives directly: nothing is recorded, so the set cannot be"
              + " replayed --offline.")
  boolean direct;

  /** The epoch given on the command line, if any. */
  OptionalLong epochOption() {
    return sourceDateEpoch == null
        ? OptionalLong.empty()
        : OptionalLong.of(SourceDateEpoch.parse(sourceDateEpoch, "--source-date-epoch"));
  }

  /**
   * The pins of a run on {@code loaded}: says on {@code out} which epoch and archive access the
   * builds use, and warns on {@code err} when the epoch is missing or from an uncommitted
   * declaration.
   */
  BuildPins pins(Workspace.Loaded loaded, StateDir state, PrintWriter out, PrintWriter err) {
    SourceDateEpoch epoch = SourceDateEpoch.resolve(loaded.declaration(), epochOption());
    if (!epoch.note().isEmpty()) {
      err.println("engine: warning: " + epoch.note());
    }
    BuildPins pins = pins(epoch.seconds(), state);
    out.println(
        epoch.describe()
            + "; archive: "
            + pins.mode().name().toLowerCase(java.util.Locale.ROOT)
            + pins.snapshot().map(s -> " " + s).orElse(""));
    return pins;
  }

  /**
   * The pinning of {@code engine build --dockerfile}: SOURCE_DATE_EPOCH from the option or the
   * environment, apt reaching the archives directly (nothing to record a set for).
   */
  Pinning adHoc() {
    if (offline || snapshot != null || snapshotUrl != null) {
      throw new EngineException(
          "--offline and --archive-snapshot replay a cell's record: give cell ids, not"
              + " --dockerfile",
          ExitCode.INVALID);
    }
    OptionalLong e = epochOption();
    return new Pinning(
        e.isPresent() ? e : ExportOptions.epochFromEnvironment(),
        new ArchiveAccess.Direct(),
        java.util.List.of());
  }

  /** The pins with a given epoch. */
  BuildPins pins(OptionalLong epoch, StateDir state) {
    int modes = (offline ? 1 : 0) + (snapshot != null ? 1 : 0) + (direct ? 1 : 0);
    if (modes > 1) {
      throw new EngineException(
          "--offline, --archive-snapshot and --no-archive-proxy exclude each other",
          ExitCode.INVALID);
    }
    if (snapshotUrl != null && snapshot == null) {
      throw new EngineException(
          "--archive-snapshot-url needs --archive-snapshot TIMESTAMP", ExitCode.INVALID);
    }
    BuildPins.Mode mode =
        offline
            ? BuildPins.Mode.OFFLINE
            : snapshot != null
                ? BuildPins.Mode.SNAPSHOT
                : direct ? BuildPins.Mode.DIRECT : BuildPins.Mode.LIVE;
    return new BuildPins(
        epoch,
        mode,
        Optional.ofNullable(snapshot).map(s -> SnapshotUrl.timestamp(s, "--archive-snapshot")),
        Optional.ofNullable(snapshotUrl),
        new PackageStore(state.packages()),
        state.bases());
  }
}
