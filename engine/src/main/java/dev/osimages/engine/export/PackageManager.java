package dev.osimages.engine.export;

/** Which package database an image keeps, and so what packages.txt lists. */
public enum PackageManager {
  /** Debian and Ubuntu: packages.txt is what {@code dpkg -l} prints in the image. */
  DPKG,
  /** AlmaLinux and friends: packages.txt is what {@code rpm -qa} prints in the image. */
  RPM,
  /** No package list (an empty packages.txt). */
  NONE
}
