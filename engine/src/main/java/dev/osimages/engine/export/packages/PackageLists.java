package dev.osimages.engine.export.packages;

import dev.osimages.engine.model.PackageManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Chooses how to list an image's packages from its package manager. */
public final class PackageLists {
  /** Where dpkg keeps its database inside an image. */
  public static final String DPKG_STATUS = "var/lib/dpkg/status";

  private PackageLists() {}

  /** The listing and SBOM inventory of the image rooted at {@code rootfs}. */
  public static PackageListing of(Path rootfs, PackageManager pm) throws IOException {
    return switch (pm) {
      case DPKG -> DpkgList.render(readInside(rootfs, DPKG_STATUS), ImageFiles.of(rootfs));
      case RPM -> RpmList.of(rootfs, ImageFiles.of(rootfs));
      case NONE -> PackageListing.empty();
    };
  }

  /**
   * Reads a file of the image without following any symlink on its way, so an image cannot point
   * the exporter at a host file.
   */
  static String readInside(Path rootfs, String relative) throws IOException {
    Path p = rootfs;
    String[] parts = relative.split("/");
    for (int i = 0; i < parts.length; i++) {
      p = p.resolve(parts[i]);
      boolean last = i == parts.length - 1;
      boolean ok =
          last
              ? Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
              : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
      if (!ok) {
        throw new NoSuchFileException(
            rootfs.resolve(relative).toString(),
            null,
            "no dpkg database in the image (or a symlink)");
      }
    }
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
