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

  /** The md5 file's line, md5sum format. */
  static String md5Line(String md5) {
    return md5 + "  " + TARBALL + "\n";
  }
}
