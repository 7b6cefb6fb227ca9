package dev.osimages.engine.export;

import dev.osimages.engine.archive.ArchiveRecord;
import java.time.Instant;

/**
 * The content of manifest.json: identity, sizes, digests and timings of one published image, and
 * the record of its build's SOURCE_DATE_EPOCH and archive state ({@link ManifestArchive}).
 * Durations are in seconds with millisecond precision.
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
    ArchiveRecord archive) {

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
        x.archive());
  }

  /** Pretty-printed JSON, keys in a fixed order. */
  public String toJson() {
    StringBuilder b = new StringBuilder("{\n");
    field(b, "id", quote(id));
    field(b, "inputHash", quote(inputHash));
    field(b, "engineVersion", quote(engineVersion));
    field(b, "builtWith", quote(builtWith));
    field(b, "created", quote(created.toString()));
    field(b, "tarBytes", Long.toString(tarBytes));
    field(b, "lz4Bytes", Long.toString(lz4Bytes));
    field(b, "md5", quote(md5));
    field(b, "sha256", quote(sha256));
    field(b, "packageCount", Integer.toString(packageCount));
    if (!archive.equals(ArchiveRecord.NONE)) {
      b.append(ManifestArchive.toJson(archive));
    }
    b.append("  \"durations\": {\n");
    b.append("    \"buildSeconds\": ").append(buildSeconds).append(",\n");
    b.append("    \"exportSeconds\": ").append(exportSeconds).append(",\n");
    b.append("    \"verifySeconds\": ").append(verifySeconds).append("\n  }\n}\n");
    return b.toString();
  }

  private static void field(StringBuilder b, String key, String json) {
    b.append("  \"").append(key).append("\": ").append(json).append(",\n");
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
