package dev.osimages.engine.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.TreeMap;

/**
 * Package URLs for installed packages, as vulnerability scanners (grype, trivy) match them: {@code
 * pkg:deb/debian/libc6@2.41-12?arch=amd64&distro=debian-13&upstream=glibc}, {@code
 * pkg:rpm/almalinux/bash@5.1.8-9.el9?arch=x86_64&distro=almalinux-9.5}: the OS id as namespace, the
 * package manager's version, the architecture, the {@code distro} qualifier ({@link
 * OsRelease#distro()}), the source package as {@code upstream} (with its version when it differs,
 * as syft writes it) and rpm's epoch as {@code epoch}.
 */
final class Purls {
  private Purls() {}

  static String of(String type, OsRelease os, InstalledPackage p) {
    TreeMap<String, String> q = new TreeMap<>();
    if (!p.architecture().isEmpty()) {
      q.put("arch", p.architecture());
    }
    q.put("distro", os.distro());
    if (!p.epoch().isEmpty()) {
      q.put("epoch", p.epoch());
    }
    if (!p.sourceName().equals(p.name()) || !p.sourceVersion().isEmpty()) {
      q.put(
          "upstream",
          p.sourceName() + (p.sourceVersion().isEmpty() ? "" : "@" + p.sourceVersion()));
    }
    try {
      return new PackageURL(type, os.id(), p.name(), p.version(), q, null).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException(
          "package " + p.key() + " gives no valid package URL: " + e.getMessage(), e);
    }
  }
}
