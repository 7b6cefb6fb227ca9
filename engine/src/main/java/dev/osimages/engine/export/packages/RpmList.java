package dev.osimages.engine.export.packages;

import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.sbom.InstalledPackage;
import dev.osimages.engine.sbom.PackageInventory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * packages.txt for rpm images: the output of {@code rpm -qa}. The rpm database (sqlite or bdb,
 * depending on the release) is read by rpm itself rather than parsed here: inside the image with
 * chroot when we are root and the image has rpm, else with the host's rpm and {@code --root}.
 */
public final class RpmList {
  private RpmList() {}

  /** Lists the packages of the image rooted at {@code rootfs}. */
  public static PackageListing of(Path rootfs) throws IOException {
    String text = run(command(rootfs, List.of("-qa")));
    int count = (int) text.lines().filter(l -> !l.isBlank()).count();
    return new PackageListing(text, count);
  }

  /**
   * Lists the packages of the database under {@code dbRoot} (the image, or the database alone as
   * captured from a tar stream) with their SBOM inventory; the OS comes from the image's {@code
   * files}.
   */
  public static PackageListing of(Path dbRoot, ImageFiles files) throws IOException {
    PackageListing listing = of(dbRoot);
    List<InstalledPackage> packages =
        RpmInventory.parse(
            run(command(dbRoot, List.of("-qa", "--queryformat", RpmInventory.QUERY))));
    if (packages.size() != listing.count()) {
      throw new IOException(
          "rpm -qa lists "
              + listing.count()
              + " packages but its query format "
              + packages.size()
              + " (a damaged database?)");
    }
    return new PackageListing(
        listing.text(),
        listing.count(),
        new PackageInventory("rpm", OsReleases.of(files), packages));
  }

  /** rpm with {@code args}: inside the image when we are root and it has rpm, else with --root. */
  private static List<String> command(Path rootfs, List<String> args) {
    boolean inImage =
        isRoot() && Files.isRegularFile(rootfs.resolve("usr/bin/rpm"), LinkOption.NOFOLLOW_LINKS);
    List<String> cmd =
        new ArrayList<>(
            inImage
                ? List.of("chroot", rootfs.toString(), "rpm")
                : List.of("rpm", "--root", rootfs.toString(), "--dbpath", dbPath(rootfs)));
    cmd.addAll(args);
    return cmd;
  }

  /**
   * The database inside the image: /var/lib/rpm, or /usr/lib/sysimage/rpm on newer releases. Named
   * explicitly because the host's rpm may default elsewhere (Debian's uses ~/.rpmdb).
   */
  private static String dbPath(Path rootfs) {
    boolean varLib = Files.isDirectory(rootfs.resolve("var/lib/rpm"), LinkOption.NOFOLLOW_LINKS);
    boolean sysimage =
        Files.isDirectory(rootfs.resolve("usr/lib/sysimage/rpm"), LinkOption.NOFOLLOW_LINKS);
    return !varLib && sysimage ? "/usr/lib/sysimage/rpm" : "/var/lib/rpm";
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static String run(List<String> cmd) throws IOException {
    HostCommand.Captured r;
    try {
      r = HostCommand.capture(cmd, null);
    } catch (UncheckedIOException e) {
      throw new IOException(
          "cannot run " + String.join(" ", cmd) + ": " + e.getCause().getMessage(), e.getCause());
    }
    if (!r.ok()) {
      throw new IOException(
          String.join(" ", cmd) + " failed (exit " + r.exitCode() + "): " + r.stderr().strip());
    }
    return r.stdout();
  }
}
