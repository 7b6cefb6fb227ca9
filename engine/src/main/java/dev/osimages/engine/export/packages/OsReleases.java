package dev.osimages.engine.export.packages;

import dev.osimages.engine.sbom.OsRelease;
import java.io.IOException;
import java.util.Optional;

/** The image's os-release(5): {@code /etc/os-release}, else {@code /usr/lib/os-release}. */
final class OsReleases {
  private OsReleases() {}

  static OsRelease of(ImageFiles files) throws IOException {
    Optional<String> text = files.read("/etc/os-release");
    if (text.isEmpty()) {
      text = files.read("/usr/lib/os-release");
    }
    return text.map(OsRelease::parse).orElse(OsRelease.UNKNOWN);
  }
}
