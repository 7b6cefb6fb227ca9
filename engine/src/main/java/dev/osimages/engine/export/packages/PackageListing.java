package dev.osimages.engine.export.packages;

import dev.osimages.engine.sbom.PackageInventory;

/**
 * The text of packages.txt, how many packages it lists, and the same packages with what the
 * database says of them (for the SBOM).
 *
 * @param text exactly what {@code dpkg -l} or {@code rpm -qa} prints
 * @param count number of packages listed
 * @param inventory the listed packages in the same order and number, and the image's OS
 */
public record PackageListing(String text, int count, PackageInventory inventory) {
  /** A listing without an inventory (the package list alone). */
  public PackageListing(String text, int count) {
    this(text, count, PackageInventory.NONE);
  }

  /** The listing of an image without a package manager. */
  public static PackageListing empty() {
    return new PackageListing("", 0);
  }
}
