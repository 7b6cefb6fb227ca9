package dev.osimages.engine.model;

import java.util.List;
import java.util.OptionalLong;

/**
 * Where and how images are published: the store root (relative to the declaration's directory
 * unless absolute), the default channel, the lz4 level, the saving below which a block keeps LZ4's
 * fast result instead of HC, registry tag patterns ({@code {os}}, {@code {version}} and {@code
 * {id}} are replaced per cell), and the SOURCE_DATE_EPOCH builds use when the declaration fixes one
 * (empty: the time of the declaration's last commit).
 */
public record Output(
    String root,
    String channel,
    int compressionLevel,
    int hcMinSaving,
    List<String> tags,
    OptionalLong sourceDateEpoch) {
  /** The schema's default of {@code compression.hcMinSaving} (percent), as the exporter's. */
  public static final int DEFAULT_HC_MIN_SAVING = 10;

  public Output {
    tags = List.copyOf(tags);
  }

  /** Without a declared SOURCE_DATE_EPOCH. */
  public Output(
      String root, String channel, int compressionLevel, int hcMinSaving, List<String> tags) {
    this(root, channel, compressionLevel, hcMinSaving, tags, OptionalLong.empty());
  }

  /** With the default {@code hcMinSaving}. */
  public Output(String root, String channel, int compressionLevel, List<String> tags) {
    this(root, channel, compressionLevel, DEFAULT_HC_MIN_SAVING, tags);
  }
}
