package dev.osimages.engine.matrix;

/**
 * Resolves a variant's version pattern for one base: {@code ${base.os}} and {@code ${base.version}}
 * are the only placeholders.
 */
public final class VariantVersions {
  private VariantVersions() {}

  /** {@code 3.0-${base.os}} over {@code ubuntu/24.04} gives {@code 3.0-ubuntu}. */
  public static String resolve(String pattern, String baseOs, String baseVersion) {
    return pattern.replace("${base.os}", baseOs).replace("${base.version}", baseVersion);
  }
}
