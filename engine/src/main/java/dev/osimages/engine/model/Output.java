package dev.osimages.engine.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where and how images are published: the store root (relative to the declaration's directory
 * unless absolute), the default channel, the lz4 level, the saving below which a block keeps LZ4's
 * fast result instead of HC, and registry tag patterns ({@code {os}}, {@code {version}} and {@code
 * {id}} are replaced per cell), where {@code engine push} sends images ({@link Registry}), how
 * large the build cache may stay after {@code engine run} ({@link Cache}), and the
 * SOURCE_DATE_EPOCH builds use when the declaration fixes one (empty: the time of the declaration's
 * last commit).
 */
public record Output(
    String root,
    String channel,
    int compressionLevel,
    int hcMinSaving,
    List<String> tags,
    Registry registry,
    Cache cache,
    OptionalLong sourceDateEpoch) {
  /** The schema's default of {@code compression.hcMinSaving} (percent), as the exporter's. */
  public static final int DEFAULT_HC_MIN_SAVING = 10;

  public Output {
    tags = List.copyOf(tags);
    registry = registry == null ? Registry.DEFAULT : registry;
    cache = cache == null ? Cache.NONE : cache;
    sourceDateEpoch = sourceDateEpoch == null ? OptionalLong.empty() : sourceDateEpoch;
  }

  /** Without cache bounds or a declared SOURCE_DATE_EPOCH. */
  public Output(
      String root,
      String channel,
      int compressionLevel,
      int hcMinSaving,
      List<String> tags,
      Registry registry) {
    this(
        root,
        channel,
        compressionLevel,
        hcMinSaving,
        tags,
        registry,
        Cache.NONE,
        OptionalLong.empty());
  }

  /** Without registry settings. */
  public Output(
      String root, String channel, int compressionLevel, int hcMinSaving, List<String> tags) {
    this(root, channel, compressionLevel, hcMinSaving, tags, Registry.DEFAULT);
  }

  /**
   * {@code output.registry}: the repository prefix images are pushed under (empty: {@code
   * --registry} must give it), tag templates ({@code {os}}, {@code {version}}, {@code {channel}};
   * empty: the old pipeline's {@code {os}:{version}-{channel}}), and the layer compression ({@code
   * gzip} or {@code zstd}).
   */
  public record Registry(String prefix, List<String> tags, String compression) {
    /** The default tag template: {@code <os>:<version>-<channel>}. */
    public static final String DEFAULT_TAG = "{os}:{version}-{channel}";

    /** No prefix, the default tag, gzip. */
    public static final Registry DEFAULT = new Registry("", List.of(), "gzip");

    public Registry {
      tags = List.copyOf(tags);
    }

    /** The tag templates in effect. */
    public List<String> tagTemplates() {
      return tags.isEmpty() ? List.of(DEFAULT_TAG) : tags;
    }
  }

  /**
   * {@code output.cache}: the bounds {@code engine run} prunes the build cache to after publishing
   * ({@code maxSize} as written, a {@link ByteSize}, checked by the declaration's semantic checks;
   * {@code keepDays}). Both empty: runs do not prune.
   */
  public record Cache(Optional<String> maxSize, Optional<Integer> keepDays) {
    /** No bounds. */
    public static final Cache NONE = new Cache(Optional.empty(), Optional.empty());

    /** Whether a run prunes the cache. */
    public boolean bounded() {
      return maxSize.isPresent() || keepDays.isPresent();
    }

    /** {@code maxSize} in bytes. */
    public Optional<Long> maxBytes() {
      return maxSize.map(ByteSize::parse);
    }
  }
}
