package dev.osimages.engine.export.packages;

import dev.osimages.engine.sbom.InstalledPackage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The packages of an rpm database as SBOM entries, from one {@code rpm -qa --queryformat} run
 * ({@link #QUERY}): name, epoch, version-release, architecture, source rpm, the License tag split
 * into its names, and Requires resolved to the installed packages that provide them (by capability
 * or, for a file path, by owning the file). The order is {@code rpm -qa}'s, so the count and order
 * equal packages.txt's.
 */
final class RpmInventory {
  /** One header line per package, then its requires (R), provides (P) and files (F). */
  static final String QUERY =
      "@%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\n"
          + "[R%{REQUIRENAME}\\n][P%{PROVIDENAME}\\n][F%{FILENAMES}\\n]";

  private RpmInventory() {}

  private record Header(String[] fields, List<String> requires) {}

  /** Parses the output of {@code rpm -qa --queryformat QUERY}. */
  static List<InstalledPackage> parse(String output) {
    List<Header> headers = new ArrayList<>();
    Map<String, List<String>> providers = new HashMap<>();
    Header current = null;
    for (String line : output.split("\n")) {
      if (line.startsWith("@")) {
        String[] f = line.substring(1).split("\t", -1);
        if (f.length != 7) {
          throw new IllegalArgumentException("unexpected rpm query line: " + line);
        }
        current = new Header(f, new ArrayList<>());
        headers.add(current);
        providers.computeIfAbsent(f[0], k -> new ArrayList<>()).add(key(f));
      } else if (current != null && line.length() > 1) {
        String value = line.substring(1);
        switch (line.charAt(0)) {
          case 'R' -> current.requires().add(value);
          case 'P', 'F' ->
              providers.computeIfAbsent(value, k -> new ArrayList<>()).add(key(current.fields()));
          default -> throw new IllegalArgumentException("unexpected rpm query line: " + line);
        }
      }
    }
    List<InstalledPackage> out = new ArrayList<>();
    for (Header h : headers) {
      String[] f = h.fields();
      String version = f[2] + "-" + f[3];
      String[] source = source(none(f[5]));
      out.add(
          new InstalledPackage(
              f[0],
              version,
              none(f[1]),
              none(f[4]),
              source[0].isEmpty() ? f[0] : source[0],
              source[1].equals(version) ? "" : source[1],
              licenses(none(f[6])),
              requires(h, providers),
              ""));
    }
    return out;
  }

  private static String key(String[] f) {
    return InstalledPackage.key(f[0], none(f[4]));
  }

  private static List<String> requires(Header h, Map<String, List<String>> providers) {
    String self = key(h.fields());
    String arch = none(h.fields()[4]);
    TreeSet<String> keys = new TreeSet<>();
    for (String r : h.requires()) {
      List<String> found = r.startsWith("rpmlib(") ? null : providers.get(r);
      if (found != null) {
        keys.add(
            found.stream().filter(k -> k.endsWith(":" + arch)).findFirst().orElse(found.get(0)));
      }
    }
    keys.remove(self);
    return List.copyOf(keys);
  }

  /** [name, version-release] of a source rpm file name {@code bash-5.1.8-9.el9.src.rpm}. */
  static String[] source(String sourceRpm) {
    String base = sourceRpm.replaceAll("\\.(no)?src\\.rpm$", "");
    int release = base.lastIndexOf('-');
    int version = release < 0 ? -1 : base.lastIndexOf('-', release - 1);
    if (version < 0) {
      return new String[] {base, ""};
    }
    return new String[] {base.substring(0, version), base.substring(version + 1)};
  }

  /**
   * The names of a License tag: {@code GPLv2+ and (MIT or BSD)} gives GPLv2+, MIT, BSD; an
   * exception stays with its license ({@code GPL-2.0-or-later WITH Classpath-exception-2.0}).
   */
  static List<String> licenses(String tag) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String part : tag.split("(?i)\\s+(?:and|or)\\s+|[()]")) {
      String name = part.strip();
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }

  private static String none(String v) {
    return v.equals("(none)") ? "" : v;
  }
}
