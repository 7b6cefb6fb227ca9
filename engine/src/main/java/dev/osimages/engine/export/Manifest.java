package dev.osimages.engine.export;

import dev.osimages.engine.archive.ArchiveRecord;
import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.json.JsonWriter;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of manifest.json: identity, sizes, digests and timings of one published image, and
 * the sha256 of each other file of the set ({@code files}: packages.txt, the SBOM, the provenance,
 * the signature when signed), and the build's SOURCE_DATE_EPOCH and archive record ({@link
 * ManifestArchive}). Durations are in seconds with millisecond precision.
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
    Map<String, String> files,
    ArchiveRecord archive) {
  public Manifest {
    bases = List.copyOf(bases);
    files = Collections.unmodifiableMap(ordered(files));
  }

  static Manifest of(StagedExport s, ManifestExtras x, Instant created, Map<String, String> files) {
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
        files,
        x.archive());
  }

  /** A manifest read back from its JSON (as {@link #toJson} writes it). */
  static Manifest read(JsonObject m) {
    JsonObject d = m.object("durations").orElseThrow();
    Map<String, String> files = new LinkedHashMap<>();
    m.object("files").ifPresent(f -> f.keys().forEach(k -> files.put(k, f.string(k))));
    return new Manifest(
        m.string("id"),
        m.string("inputHash"),
        m.string("engineVersion"),
        m.string("builtWith", ""),
        Instant.parse(m.string("created")),
        m.integer("tarBytes"),
        m.integer("lz4Bytes"),
        m.string("md5"),
        m.string("sha256"),
        (int) m.integer("packageCount"),
        d.decimal("buildSeconds"),
        d.decimal("exportSeconds"),
        d.decimal("verifySeconds"),
        m.strings("bases"),
        files,
        ManifestArchive.read(m));
  }

  /** The same manifest with {@code name}'s digest recorded (added or replaced). */
  Manifest withFile(String name, String digest) {
    Map<String, String> f = new LinkedHashMap<>(files);
    f.put(name, digest);
    return new Manifest(
        id,
        inputHash,
        engineVersion,
        builtWith,
        created,
        tarBytes,
        lz4Bytes,
        md5,
        sha256,
        packageCount,
        buildSeconds,
        exportSeconds,
        verifySeconds,
        bases,
        f,
        archive);
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
    m.put("files", files);
    archive.sourceDateEpoch().ifPresent(e -> m.put("sourceDateEpoch", e));
    if (!archive.equals(ArchiveRecord.NONE)) {
      m.put("archive", ManifestArchive.json(archive));
    }
    m.put("durations", durations);
    return JsonWriter.ordered(2).write(m);
  }

  /** The recorded files in {@link ImageSet#RECORDED} order, any others after them by name. */
  private static Map<String, String> ordered(Map<String, String> files) {
    Map<String, String> out = new LinkedHashMap<>();
    ImageSet.RECORDED.stream().filter(files::containsKey).forEach(f -> out.put(f, files.get(f)));
    new TreeMap<>(files).forEach(out::putIfAbsent);
    return out;
  }
}
