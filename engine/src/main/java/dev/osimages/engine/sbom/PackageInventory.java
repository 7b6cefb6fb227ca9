package dev.osimages.engine.sbom;

import java.util.List;

/**
 * What an image's package database holds: its operating system and every package {@code dpkg -l} or
 * {@code rpm -qa} lists, in the same order and number.
 *
 * @param type the purl type of its packages: {@code deb} or {@code rpm}; "" for an image without a
 *     package manager
 */
public record PackageInventory(String type, OsRelease os, List<InstalledPackage> packages) {
  public PackageInventory {
    packages = List.copyOf(packages);
  }

  /** The inventory of an image without a package manager. */
  public static final PackageInventory NONE =
      new PackageInventory("", OsRelease.UNKNOWN, List.of());
}
