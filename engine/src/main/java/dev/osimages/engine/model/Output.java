package dev.osimages.engine.model;

import java.util.List;

/**
 * Where and how images are published: the store root (relative to the declaration's directory
 * unless absolute), the default channel, the lz4 level, the saving below which a block keeps LZ4's
 * fast result instead of HC, and registry tag patterns ({@code {os}}, {@code {version}} and {@code
 * {id}} are replaced per cell).
 */
public record Output(
    String root, String channel, int compressionLevel, int hcMinSaving, List<String> tags) {
  /** The schema's default of {@code compression.hcMinSaving} (percent), as the exporter's. */
  public static final int DEFAULT_HC_MIN_SAVING = 10;

  public Output {
    tags = List.copyOf(tags);
  }
}
