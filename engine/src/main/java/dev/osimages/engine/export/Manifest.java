package dev.osimages.engine.export;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content of manifest.json: identity, sizes, digests and timings of one published image, and
 * the sha256 of each other file of the set ({@code files}: packages.txt, the SBOM, the provenance,
 * the signature when signed). Durations are in seconds with millisecond precision.
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
    Map<String, String> files) {
  private static final Pattern FILES = Pattern.compile("(?s)\"files\": \\{\n(.*?)\n?  \\},?\n");
  private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\": \"([0-9a-f]{64})\"");

  public Manifest {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
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
        files);
  }

  /** The {@code files} digests recorded in a manifest's JSON, by file name (empty if none). */
  public static Map<String, String> recordedFiles(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher block = FILES.matcher(json);
    if (block.find()) {
      Matcher e = ENTRY.matcher(block.group(1));
      while (e.find()) {
        out.put(e.group(1), e.group(2));
      }
    }
    return out;
  }

  /** A manifest's JSON with {@code name}'s digest added to (or replaced in) its {@code files}. */
  static String withFile(String json, String name, String sha256) {
    Map<String, String> files = recordedFiles(json);
    files.put(name, sha256);
    Map<String, String> ordered = new LinkedHashMap<>();
    ImageSet.RECORDED.stream()
        .filter(files::containsKey)
        .forEach(f -> ordered.put(f, files.get(f)));
    files.forEach(ordered::putIfAbsent);
    Matcher block = FILES.matcher(json);
    if (!block.find()) {
      throw new IllegalArgumentException("manifest has no files block");
    }
    return json.substring(0, block.start()) + filesBlock(ordered) + json.substring(block.end());
  }

  private static String filesBlock(Map<String, String> files) {
    StringBuilder b = new StringBuilder("\"files\": {\n");
    int i = 0;
    for (Map.Entry<String, String> e : files.entrySet()) {
      b.append("    ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
      b.append(++i < files.size() ? ",\n" : "\n");
    }
    return b.append("  },\n").toString();
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
    b.append("  ").append(filesBlock(files));
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
