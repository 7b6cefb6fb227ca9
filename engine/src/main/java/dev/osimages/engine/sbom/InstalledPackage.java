package dev.osimages.engine.sbom;

import java.util.List;

/**
 * One package of an image's own package database (dpkg's status file or rpm's database), with what
 * the database states about it.
 *
 * @param name the package name ({@code libc6})
 * @param version the full version as the package manager prints it (dpkg: {@code [epoch:]upstream
 *     [-revision]}; rpm: {@code version-release}, its epoch apart)
 * @param epoch rpm's epoch, "" when none (dpkg keeps it inside {@code version})
 * @param architecture {@code amd64}, {@code all}, {@code x86_64}, {@code noarch}
 * @param sourceName the source package it was built from ({@code glibc}); for rpm the source rpm's
 *     file name
 * @param sourceVersion the source's version when the database names one that differs, else ""
 * @param licenses license names or SPDX ids as the package states them machine-readably, in order,
 *     without duplicates; empty when it states none
 * @param dependsOn {@link #key()}s of the installed packages it depends on (resolved alternatives
 *     and virtual packages), sorted
 * @param status "" for an installed package; dpkg's state otherwise ({@code config-files}, {@code
 *     half-installed}, ...), listed because {@code dpkg -l} lists it
 */
public record InstalledPackage(
    String name,
    String version,
    String epoch,
    String architecture,
    String sourceName,
    String sourceVersion,
    List<String> licenses,
    List<String> dependsOn,
    String status) {
  public InstalledPackage {
    licenses = List.copyOf(licenses);
    dependsOn = List.copyOf(dependsOn);
  }

  /** The package's identity within one image: {@code name:architecture}. */
  public String key() {
    return key(name, architecture);
  }

  /** The identity of package {@code name} built for {@code architecture}. */
  public static String key(String name, String architecture) {
    return name + ":" + architecture;
  }

  /** The same package depending on {@code keys}. */
  public InstalledPackage withDependsOn(List<String> keys) {
    return new InstalledPackage(
        name, version, epoch, architecture, sourceName, sourceVersion, licenses, keys, status);
  }
}
