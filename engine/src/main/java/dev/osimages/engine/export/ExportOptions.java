package dev.osimages.engine.export;

import dev.osimages.engine.export.tar.ExcludeRules;
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
 */
public record ExportOptions(
    int level,
    int threads,
    ExcludeRules excludes,
    OptionalLong sourceDateEpoch,
    PackageManager packageManager) {

  public ExportOptions {
    if (level < 1 || level > 12) {
      throw new IllegalArgumentException("lz4 level must be 1..12, got " + level);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** Level 9, all cores, default excludes, SOURCE_DATE_EPOCH from the environment, dpkg. */
  public static ExportOptions defaults() {
    return new ExportOptions(
        9,
        Runtime.getRuntime().availableProcessors(),
        ExcludeRules.defaults(List.of()),
        epochFromEnvironment(),
        PackageManager.DPKG);
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
    return new ExportOptions(l, threads, excludes, sourceDateEpoch, packageManager);
  }

  public ExportOptions withThreads(int t) {
    return new ExportOptions(level, t, excludes, sourceDateEpoch, packageManager);
  }

  public ExportOptions withExcludes(ExcludeRules e) {
    return new ExportOptions(level, threads, e, sourceDateEpoch, packageManager);
  }

  public ExportOptions withSourceDateEpoch(OptionalLong epoch) {
    return new ExportOptions(level, threads, excludes, epoch, packageManager);
  }

  public ExportOptions withPackageManager(PackageManager pm) {
    return new ExportOptions(level, threads, excludes, sourceDateEpoch, pm);
  }
}
