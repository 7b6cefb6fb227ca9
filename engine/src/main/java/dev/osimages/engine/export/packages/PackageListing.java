package dev.osimages.engine.export.packages;

/**
 * The text of packages.txt and how many packages it lists.
 *
 * @param text exactly what {@code dpkg -l} or {@code rpm -qa} prints
 * @param count number of packages listed
 */
public record PackageListing(String text, int count) {
  /** The listing of an image without a package manager. */
  public static PackageListing empty() {
    return new PackageListing("", 0);
  }
}
