package dev.osimages.engine.export;

import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.json.MalformedJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files of one published image and where they live in the store: {@code
 * <root>/<channel>/<os>/<version>/}.
 */
public final class ImageSet {
  public static final String TARBALL = "img.tar.lz4";
  public static final String MD5 = "img.tar.lz4.md5";
  public static final String PACKAGES = "packages.txt";
  public static final String MANIFEST = "manifest.json";
  public static final String SBOM = "sbom.cdx.json";
  public static final String PROVENANCE = "provenance.json";

  /** The detached signature of the tarball (cosign's blob format); only in signed sets. */
  public static final String SIGNATURE = "img.tar.lz4.sig";

  private ImageSet() {}

  /** The directory of one image: {@code <root>/<channel>/<os>/<version>}. */
  public static Path directory(Path root, String channel, String os, String version) {
    Path dir = root.resolve(channel).resolve(os).resolve(version).normalize();
    if (!dir.startsWith(root.normalize())) {
      throw new IllegalArgumentException(
          "image directory " + dir + " (channel " + channel + ", os " + os + ") leaves " + root);
    }
    return dir;
  }

  /** The files every complete published set has. */
  public static final List<String> FILES =
      List.of(TARBALL, MD5, PACKAGES, MANIFEST, SBOM, PROVENANCE);

  /** Files a set may have besides {@link #FILES}. */
  public static final List<String> OPTIONAL = List.of(SIGNATURE);

  /** The files whose sha256 manifest.json records (the tarball's is its {@code sha256}). */
  static final List<String> RECORDED = List.of(PACKAGES, SBOM, PROVENANCE, SIGNATURE);

  /** The files of {@link #FILES} and {@link #OPTIONAL} that are in {@code dir}. */
  public static List<String> present(Path dir) {
    return java.util.stream.Stream.concat(FILES.stream(), OPTIONAL.stream())
        .filter(f -> Files.isRegularFile(dir.resolve(f)))
        .toList();
  }

  /**
   * The input hash recorded in the manifest of the set published in {@code dir}, if there is a set
   * with a manifest naming one.
   */
  public static Optional<String> publishedInputHash(Path dir) {
    return publishedField(dir, "inputHash");
  }

  /**
   * The backend and clean-up revision recorded in the manifest of the set published in {@code dir}
   * ({@code builtWith}), if it names them; sets from before the field have none.
   */
  public static Optional<String> publishedBuiltWith(Path dir) {
    return publishedField(dir, "builtWith");
  }

  /** The sha256 the manifest in {@code dir} records for the tarball. */
  public static Optional<String> publishedSha256(Path dir) {
    return publishedField(dir, "sha256");
  }

  /** A non-empty top-level string field of the manifest. */
  private static Optional<String> publishedField(Path dir, String key) {
    return manifest(dir).map(m -> m.string(key, "")).filter(v -> !v.isEmpty());
  }

  /**
   * The parsed manifest of the set published in {@code dir}; empty when there is none or it cannot
   * be read or parsed (the set then counts as not published, and a run rebuilds it).
   */
  static Optional<JsonObject> manifest(Path dir) {
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonObject.parse(Files.readString(manifest, StandardCharsets.UTF_8)));
    } catch (IOException | MalformedJsonException e) {
      return Optional.empty();
    }
  }

  /** The md5 file's line, md5sum format. */
  static String md5Line(String md5) {
    return md5 + "  " + TARBALL + "\n";
  }
}
