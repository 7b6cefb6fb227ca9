package dev.osimages.engine.model;

/** Which package database an image keeps, and so what its packages.txt lists. */
public enum PackageManager {
  /** Debian and Ubuntu: packages.txt is what {@code dpkg -l} prints in the image. */
  DPKG,
  /** AlmaLinux and friends: packages.txt is what {@code rpm -qa} prints in the image. */
  RPM,
  /**
   * No package list (an empty packages.txt): for {@code engine export} of a tree that is no
   * distribution; a declaration cannot choose it (the schema allows dpkg and rpm).
   */
  NONE;

  /** The spelling used in images.yaml. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The same spelling, so that the command line's help and completion list it. */
  @Override
  public String toString() {
    return yamlName();
  }
}
