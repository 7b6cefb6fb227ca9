package dev.osimages.engine.release;

import java.util.List;

/** The {@code downloads.md} of a release: one table row per image with its three URLs. */
final class Downloads {
  private Downloads() {}

  static String markdown(List<Release.Image> images, String date, String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    StringBuilder s = new StringBuilder("# Images of release " + date + "\n\n");
    s.append("| image | tarball | checksum | packages |\n|---|---|---|---|\n");
    for (Release.Image i : images) {
      String dir = base + "/" + date + "/" + i.id() + "/";
      s.append("| ")
          .append(i.name())
          .append(" | ")
          .append(dir)
          .append("img.tar.lz4 | ")
          .append(dir)
          .append("img.tar.lz4.md5 | ")
          .append(dir)
          .append("packages.txt |\n");
    }
    return s.toString();
  }
}
