package dev.osimages.engine.export;

import java.nio.file.Path;

/**
 * The files of one published image and where they live in the store: {@code
 * <root>/<channel>/<os>/<version>/}.
 */
public final class ImageSet {
  public static final String TARBALL = "img.tar.lz4";
  public static final String MD5 = "img.tar.lz4.md5";
  public static final String PACKAGES = "packages.txt";
  public static final String MANIFEST = "manifest.json";

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

  /** The files that make a complete published set. */
  public static final java.util.List<String> FILES =
      java.util.List.of(TARBALL, MD5, PACKAGES, MANIFEST);

  /**
   * The input hash recorded in the manifest of the set published in {@code dir}, if there is a set
   * with a manifest naming one.
   */
  public static java.util.Optional<String> publishedInputHash(Path dir) {
    return publishedField(dir, "inputHash");
  }

  /**
   * The backend and clean-up revision recorded in the manifest of the set published in {@code dir}
   * ({@code builtWith}), if it names them; sets from before the field have none.
   */
  public static java.util.Optional<String> publishedBuiltWith(Path dir) {
    return publishedField(dir, "builtWith");
  }

  /** A non-empty top-level string field of the manifest (our own JSON: no escapes in these). */
  private static java.util.Optional<String> publishedField(Path dir, String key) {
    Path manifest = dir.resolve(MANIFEST);
    if (!java.nio.file.Files.isRegularFile(manifest)) {
      return java.util.Optional.empty();
    }
    try {
      var m =
          java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"\\\\]*)\"")
              .matcher(java.nio.file.Files.readString(manifest));
      return m.find() && !m.group(1).isEmpty()
          ? java.util.Optional.of(m.group(1))
          : java.util.Optional.empty();
    } catch (java.io.IOException e) {
      return java.util.Optional.empty(); // unreadable counts as not published; the run rebuilds it
    }
  }

  /** The md5 file's line, md5sum format. */
  static String md5Line(String md5) {
    return md5 + "  " + TARBALL + "\n";
  }
}
