package dev.osimages.engine.export;

import dev.osimages.engine.archive.ArchiveRecord;
import dev.osimages.engine.json.JsonWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of manifest.json: identity, sizes, digests and timings of one published image, and
 * the build's SOURCE_DATE_EPOCH and archive record ({@link ManifestArchive}). Durations are in
 * seconds with millisecond precision.
 */
public record Manifest(
    String id,
    String inputHash,
    String engineVersion,
    String builtWith,
    Instant created,
    long tarBytes,
    long lz4Bytes,
    String md5,
    String sha256,
    int packageCount,
    double buildSeconds,
    double exportSeconds,
    double verifySeconds,
    List<String> bases,
    ArchiveRecord archive) {
  public Manifest {
    bases = List.copyOf(bases);
  }

  static Manifest of(StagedExport s, ManifestExtras x, Instant created) {
    return new Manifest(
        x.id(),
        x.inputHash(),
        x.engineVersion(),
        x.builtWith(),
        created,
        s.tarBytes(),
        s.lz4Bytes(),
        s.md5(),
        s.sha256(),
        s.packageCount(),
        x.build().toMillis() / 1000.0,
        s.took().toMillis() / 1000.0,
        x.verify().toMillis() / 1000.0,
        x.bases(),
        x.archive());
  }

  /** Pretty-printed JSON, keys in a fixed order. */
  public String toJson() {
    Map<String, Object> durations = new LinkedHashMap<>();
    durations.put("buildSeconds", buildSeconds);
    durations.put("exportSeconds", exportSeconds);
    durations.put("verifySeconds", verifySeconds);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("inputHash", inputHash);
    m.put("engineVersion", engineVersion);
    m.put("builtWith", builtWith);
    m.put("created", created.toString());
    m.put("tarBytes", tarBytes);
    m.put("lz4Bytes", lz4Bytes);
    m.put("md5", md5);
    m.put("sha256", sha256);
    m.put("packageCount", packageCount);
    if (!bases.isEmpty()) {
      // Only for images started from a registry: the digest each base reference resolved to.
      m.put("bases", bases);
    }
    archive.sourceDateEpoch().ifPresent(e -> m.put("sourceDateEpoch", e));
    if (!archive.equals(ArchiveRecord.NONE)) {
      m.put("archive", ManifestArchive.json(archive));
    }
    m.put("durations", durations);
    return JsonWriter.ordered(2).write(m);
  }
}
