package dev.osimages.engine.export;

import dev.osimages.engine.export.lz4.ParallelLz4OutputStream;
import dev.osimages.engine.export.tar.ExcludeRules;
import dev.osimages.engine.model.PackageManager;
import java.util.List;
import java.util.OptionalLong;

/**
 * How to export one image.
 *
 * @param level LZ4 high-compression level 1..12 (9 is what {@code lz4 -9} does)
 * @param threads compression threads (default: all cores)
 * @param excludes paths left out of the tarball
 * @param sourceDateEpoch if present, mtimes later than this are clamped to it (reproducible output,
 *     as SOURCE_DATE_EPOCH asks)
 * @param packageManager which package list to write
 * @param hcMinSaving percent: blocks that LZ4's fast mode cannot shrink by this much keep the fast
 *     result instead of going through HC (they are already compressed data); 0: HC for every block
 */
public record ExportOptions(
    int level,
    int threads,
    ExcludeRules excludes,
    OptionalLong sourceDateEpoch,
    PackageManager packageManager,
    int hcMinSaving) {

  public ExportOptions {
    if (level < 1 || level > 12) {
      throw new IllegalArgumentException("lz4 level must be 1..12, got " + level);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (hcMinSaving < 0 || hcMinSaving > 100) {
      throw new IllegalArgumentException("hc min saving must be 0..100 %, got " + hcMinSaving);
    }
  }

  /**
   * Level 9, all cores, default excludes, SOURCE_DATE_EPOCH from the environment, dpkg, HC only for
   * blocks the fast mode shrinks by 10 %.
   */
  public static ExportOptions defaults() {
    return new ExportOptions(
        9,
        Runtime.getRuntime().availableProcessors(),
        ExcludeRules.defaults(List.of()),
        epochFromEnvironment(),
        PackageManager.DPKG,
        ParallelLz4OutputStream.DEFAULT_HC_MIN_SAVING);
  }

  /** SOURCE_DATE_EPOCH as the reproducible-builds convention defines it, if set. */
  public static OptionalLong epochFromEnvironment() {
    String v = System.getenv("SOURCE_DATE_EPOCH");
    if (v == null || v.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("SOURCE_DATE_EPOCH is not a number of seconds: " + v, e);
    }
  }

  public ExportOptions withLevel(int l) {
    return new ExportOptions(l, threads, excludes, sourceDateEpoch, packageManager, hcMinSaving);
  }

  public ExportOptions withThreads(int t) {
    return new ExportOptions(level, t, excludes, sourceDateEpoch, packageManager, hcMinSaving);
  }

  public ExportOptions withExcludes(ExcludeRules e) {
    return new ExportOptions(level, threads, e, sourceDateEpoch, packageManager, hcMinSaving);
  }

  public ExportOptions withSourceDateEpoch(OptionalLong epoch) {
    return new ExportOptions(level, threads, excludes, epoch, packageManager, hcMinSaving);
  }

  public ExportOptions withHcMinSaving(int percent) {
    return new ExportOptions(level, threads, excludes, sourceDateEpoch, packageManager, percent);
  }

  public ExportOptions withPackageManager(PackageManager pm) {
    return new ExportOptions(level, threads, excludes, sourceDateEpoch, pm, hcMinSaving);
  }
}
