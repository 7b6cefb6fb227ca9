package dev.osimages.engine.export.packages;

import dev.osimages.engine.sbom.InstalledPackage;
import dev.osimages.engine.sbom.PackageInventory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a dpkg status database the way {@code dpkg -l} prints it when its output is not a
 * terminal: packages that are not "not-installed", sorted by name then architecture, columns as
 * wide as their longest value (at least 14, 12, 12 and 33 characters as dpkg has them), the
 * description being the synopsis line. Reading the database instead of running dpkg works for a tar
 * stream that was never extracted, and needs neither root nor a chroot.
 */
public final class DpkgList {
  private static final String HEADER =
      "Desired=Unknown/Install/Remove/Purge/Hold\n"
          + "| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n"
          + "|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n";

  private DpkgList() {}

  /** One listed package. */
  record Row(String flags, String name, String arch, String version, String synopsis) {}

  /**
   * packages.txt and the SBOM's inventory for the given /var/lib/dpkg/status content, licenses and
   * the OS read from the image's {@code files}.
   */
  public static PackageListing render(String status, ImageFiles files) throws IOException {
    PackageListing listing = render(status);
    List<Map<String, String>> stanzas = DpkgStatus.parse(status);
    Map<String, List<String>> licenses = new HashMap<>();
    for (Map<String, String> s : stanzas) {
      String name = s.get("Package");
      if (!licenses.containsKey(name)) {
        licenses.put(
            name, Dep5Licenses.of(files.read("/usr/share/doc/" + name + "/copyright").orElse("")));
      }
    }
    List<InstalledPackage> packages = DpkgInventory.of(stanzas, licenses::get);
    if (packages.size() != listing.count()) {
      throw new IllegalStateException("inventory and dpkg -l listing disagree in count");
    }
    return new PackageListing(
        listing.text(),
        listing.count(),
        new PackageInventory("deb", OsReleases.of(files), packages));
  }

  /** The text of packages.txt for the given /var/lib/dpkg/status content. */
  public static PackageListing render(String status) {
    List<Map<String, String>> stanzas = DpkgStatus.parse(status);
    String dpkgArch = nativeArch(stanzas);
    List<Row> rows = new ArrayList<>();
    for (Map<String, String> s : stanzas) {
      String[] st = s.getOrDefault("Status", "").split(" ");
      if (st.length != 3 || st[2].equals("not-installed")) {
        continue;
      }
      String arch = s.getOrDefault("Architecture", "");
      String name = s.get("Package");
      if (needsArch(arch, s.getOrDefault("Multi-Arch", ""), dpkgArch)) {
        name = name + ":" + arch;
      }
      String flags = "" + want(st[0]) + status(st[2]) + (st[1].equals("ok") ? ' ' : 'R');
      String synopsis = s.getOrDefault("Description", "").split("\n", 2)[0];
      rows.add(new Row(flags, name, arch, s.getOrDefault("Version", ""), synopsis));
    }
    rows.sort(Comparator.comparing((Row r) -> r.name().split(":", 2)[0]).thenComparing(Row::arch));
    return new PackageListing(format(rows), rows.size());
  }

  private static String format(List<Row> rows) {
    int n = 14;
    int v = 12;
    int a = 12;
    int d = 33;
    for (Row r : rows) {
      n = Math.max(n, width(r.name()));
      v = Math.max(v, width(r.version()));
      a = Math.max(a, width(r.arch()));
      d = Math.max(d, width(r.synopsis()));
    }
    StringBuilder out = new StringBuilder(HEADER);
    out.append("||/ ")
        .append(pad("Name", n))
        .append(' ')
        .append(pad("Version", v))
        .append(' ')
        .append(pad("Architecture", a))
        .append(" Description\n");
    out.append("+++-")
        .append("=".repeat(n))
        .append('-')
        .append("=".repeat(v))
        .append('-')
        .append("=".repeat(a))
        .append('-')
        .append("=".repeat(d))
        .append('\n');
    for (Row r : rows) {
      out.append(r.flags())
          .append(' ')
          .append(pad(r.name(), n))
          .append(' ')
          .append(pad(r.version(), v))
          .append(' ')
          .append(pad(r.arch(), a))
          .append(' ')
          .append(r.synopsis())
          .append('\n');
    }
    return out.toString();
  }

  /** dpkg's "nonambig" names: ":arch" for Multi-Arch: same and for foreign packages. */
  private static boolean needsArch(String arch, String multiArch, String nativeArch) {
    if (arch.isEmpty()) {
      return false;
    }
    if (multiArch.equals("same")) {
      return true;
    }
    return !arch.equals("all") && !arch.equals(nativeArch);
  }

  /** The image's native architecture is that of its dpkg package. */
  private static String nativeArch(List<Map<String, String>> stanzas) {
    Map<String, String> byName = new HashMap<>();
    for (Map<String, String> s : stanzas) {
      byName.putIfAbsent(s.get("Package"), s.getOrDefault("Architecture", ""));
    }
    return byName.getOrDefault("dpkg", "");
  }

  private static char want(String w) {
    return switch (w) {
      case "install" -> 'i';
      case "hold" -> 'h';
      case "deinstall" -> 'r';
      case "purge" -> 'p';
      default -> 'u';
    };
  }

  private static char status(String s) {
    return switch (s) {
      case "config-files" -> 'c';
      case "half-installed" -> 'H';
      case "unpacked" -> 'U';
      case "half-configured" -> 'F';
      case "triggers-awaited" -> 'W';
      case "triggers-pending" -> 't';
      case "installed" -> 'i';
      default -> 'n';
    };
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - width(s)));
  }
}
