package dev.osimages.engine.run;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.archive.ArchiveAccess;
import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.archive.PackageStore;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.archive.SnapshotUrl;
import dev.osimages.engine.base.BaseResolver;
import dev.osimages.engine.export.ManifestArchive;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a run pins its builds to: the SOURCE_DATE_EPOCH, and how apt reaches the archives: {@code
 * DIRECT} (no proxy, nothing recorded), {@code LIVE} (through the recording proxy, the default),
 * {@code SNAPSHOT} (a snapshot service at a timestamp, its URL from {@code snapshotUrl} or the
 * cell's {@code bootstrap.snapshot}), {@code OFFLINE} (only what the cell's published set recorded,
 * from the package cache).
 *
 * @param store the package cache (the state directory's {@code packages/})
 * @param bases the bootstrap cache, where mmdebstrap's sources are remembered
 */
public record BuildPins(
    OptionalLong sourceDateEpoch,
    Mode mode,
    Optional<String> snapshot,
    Optional<String> snapshotUrl,
    PackageStore store,
    Path bases) {
  /** How apt reaches the archives. */
  public enum Mode {
    DIRECT,
    LIVE,
    SNAPSHOT,
    OFFLINE
  }

  /**
   * The pinning for building {@code cell} (of {@code cells}), after bases that fetched {@code
   * inherited}.
   */
  Pinning pinning(Cell cell, Map<String, Cell> cells, List<Fetch> inherited) {
    return new Pinning(sourceDateEpoch, access(cell, cells), inherited);
  }

  private ArchiveAccess access(Cell cell, Map<String, Cell> cells) {
    switch (mode) {
      case DIRECT:
        return new ArchiveAccess.Direct();
      case LIVE:
        return new ArchiveAccess.Live(store);
      case OFFLINE:
        List<Fetch> recorded = ManifestArchive.fetched(cell.outputDir());
        if (recorded.isEmpty()) {
          throw new EngineException(
              cell.id()
                  + ": --offline replays what the published set recorded, but "
                  + cell.outputDir().resolve("manifest.json")
                  + " records no fetches; build it once with archive access",
              ExitCode.FAILED);
        }
        return new ArchiveAccess.Offline(store, recorded);
      default:
        return snapshotAccess(cell, cells);
    }
  }

  private ArchiveAccess snapshotAccess(Cell cell, Map<String, Cell> cells) {
    Optional<Base.Bootstrap> b = bootstrap(cell, cells);
    if (b.isEmpty()) {
      return new ArchiveAccess.Live(store); // no Debian-style archive behind this cell
    }
    String template =
        snapshotUrl
            .or(() -> b.get().snapshot())
            .orElseThrow(
                () ->
                    new EngineException(
                        cell.id()
                            + ": --archive-snapshot needs the snapshot service's URL: set"
                            + " bootstrap.snapshot of its base in images.yaml, or"
                            + " --archive-snapshot-url",
                        ExitCode.INVALID));
    String what = snapshotUrl.isPresent() ? "--archive-snapshot-url" : "bootstrap.snapshot";
    Map<String, String> mirrors = new LinkedHashMap<>();
    for (String m : new BaseResolver(bases).archiveUris(b.get())) {
      mirrors.put(m, SnapshotUrl.expand(template, snapshot.orElseThrow(), m, what));
    }
    return new ArchiveAccess.Snapshot(store, snapshot.get(), mirrors);
  }

  /** The bootstrap a cell's chain of bases starts from, if any. */
  static Optional<Base.Bootstrap> bootstrap(Cell cell, Map<String, Cell> cells) {
    Base base = cell.base();
    for (int depth = 0; base instanceof Base.CellRef r && depth < 64; depth++) {
      Cell next = cells.get(r.id());
      if (next == null) {
        return Optional.empty();
      }
      base = next.base();
    }
    return base instanceof Base.Bootstrap b ? Optional.of(b) : Optional.empty();
  }
}
