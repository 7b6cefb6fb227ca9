package dev.osimages.engine.archive;

import java.util.Optional;

/**
 * One file fetched from a package archive during a build, as the archive proxy recorded it: the URL
 * apt asked for (the archive's own URL, also when a snapshot served it), the sha256 and size of
 * what was served, the archive's Last-Modified header (replayed offline, since apt dates its lists
 * with it), and for a package the binary package it is.
 *
 * @param lastModified the HTTP Last-Modified value, "" when the archive sent none
 * @param deb for a {@code .deb}: name, version and architecture from its control file
 */
public record Fetch(
    String url, String sha256, long size, String lastModified, Optional<DebPackage> deb) {
  public Fetch {
    lastModified = lastModified == null ? "" : lastModified;
  }

  /** A binary package: what {@code dpkg-deb --field} reports. */
  public record DebPackage(String name, String version, String architecture) {
    /** The package cache's file name: {@code name_version_arch.deb}, the epoch's colon kept. */
    public String fileName() {
      return name + "_" + version + "_" + architecture + ".deb";
    }
  }

  /** One tab-separated line of a fetch log. */
  public String toLine() {
    return String.join(
        "\t",
        url,
        sha256,
        Long.toString(size),
        lastModified,
        deb.map(d -> d.name() + "\t" + d.version() + "\t" + d.architecture()).orElse(""));
  }

  /** Parses {@link #toLine()}'s format. */
  public static Fetch parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length < 4) {
      throw new IllegalArgumentException("not a fetch record: " + line);
    }
    Optional<DebPackage> deb =
        f.length >= 7 && !f[4].isEmpty()
            ? Optional.of(new DebPackage(f[4], f[5], f[6]))
            : Optional.empty();
    return new Fetch(f[0], f[1], Long.parseLong(f[2]), f[3], deb);
  }
}
