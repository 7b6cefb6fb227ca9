package dev.osimages.engine.model;

/** How an image's packages are managed; decides how packages.txt is made. */
public enum PackageManager {
  /** Debian and Ubuntu: packages.txt is {@code dpkg -l}. */
  DPKG,
  /** AlmaLinux: packages.txt is {@code rpm -qa}. */
  RPM;

  /** The spelling used in images.yaml. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
