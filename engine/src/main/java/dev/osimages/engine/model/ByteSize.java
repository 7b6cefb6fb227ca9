package dev.osimages.engine.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size as operators write it ({@code 8G}, {@code 500M}, {@code 1.5T}, {@code 1048576}): a number
 * with an optional unit K, M, G or T, each a power of 1024 (as {@code du -h} and {@code df -h} mean
 * them), optionally followed by {@code B} or {@code iB}; no unit means bytes.
 */
public final class ByteSize {
  private static final Pattern SIZE =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(?:([KMGT])(?:I?B)?|B)?");

  private ByteSize() {}

  /**
   * The bytes {@code text} stands for.
   *
   * @throws IllegalArgumentException naming what was expected, for anything else or a size beyond
   *     what a long holds
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a size (expected a number with an optional unit K, M, G or T, e.g. 8G"
              + " or 500M)");
    }
    int shift = m.group(2) == null ? 0 : 10 * ("KMGT".indexOf(m.group(2)) + 1);
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("'" + text + "' is too large for a size");
    }
    return bytes.longValue();
  }

  /** {@code bytes} for people: KiB below a MiB, then MiB and GiB with one decimal. */
  public static String format(long bytes) {
    if (bytes < 1024 * 1024) {
      return (bytes / 1024) + " KiB";
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
  }
}
