package dev.osimages.engine.export;

import dev.osimages.engine.archive.ArchiveRecord;
import java.time.Duration;
import java.util.List;

/**
 * What the caller knows about an image that the exporter does not, recorded in manifest.json.
 *
 * @param id the cell id, "debian/13"
 * @param inputHash the plan's input hash of the cell ("" when exported by hand)
 * @param engineVersion version of the engine that built it
 * @param builtWith backend and clean-up revision that built it ("" when exported by hand)
 * @param build how long the build took (zero when unknown)
 * @param verify how long verification took (zero when not verified)
 * @param bases registry images the build started from, pinned to their digests
 * @param archive the build's SOURCE_DATE_EPOCH and what it took from the package archives
 */
public record ManifestExtras(
    String id,
    String inputHash,
    String engineVersion,
    String builtWith,
    Duration build,
    Duration verify,
    List<String> bases,
    ArchiveRecord archive) {
  public ManifestExtras {
    archive = archive == null ? ArchiveRecord.NONE : archive;
    bases = bases == null ? List.of() : List.copyOf(bases);
    id = id == null ? "" : id;
    inputHash = inputHash == null ? "" : inputHash;
    engineVersion = engineVersion == null ? "" : engineVersion;
    builtWith = builtWith == null ? "" : builtWith;
    build = build == null ? Duration.ZERO : build;
    verify = verify == null ? Duration.ZERO : verify;
  }

  /** Without an archive record. */
  public ManifestExtras(
      String id,
      String inputHash,
      String engineVersion,
      String builtWith,
      Duration build,
      Duration verify,
      List<String> bases) {
    this(id, inputHash, engineVersion, builtWith, build, verify, bases, ArchiveRecord.NONE);
  }

  /** Without registry bases. */
  public ManifestExtras(
      String id,
      String inputHash,
      String engineVersion,
      String builtWith,
      Duration build,
      Duration verify) {
    this(id, inputHash, engineVersion, builtWith, build, verify, List.of());
  }

  /** For a set exported by hand or in a test: nothing known about how it was built. */
  public ManifestExtras(
      String id, String inputHash, String engineVersion, Duration build, Duration verify) {
    this(id, inputHash, engineVersion, "", build, verify);
  }
}
