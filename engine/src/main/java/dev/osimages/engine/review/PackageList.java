package dev.osimages.engine.review;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installed packages of a published image, read from its packages.txt: {@code dpkg -l} output
 * (only lines whose desired/status flags say installed, {@code ii} or {@code hi}) or {@code rpm
 * -qa} output ({@code name-version-release.arch}). Names map to versions; an architecture qualifier
 * stays part of the name ({@code libc6:amd64}) so multiarch packages do not collide.
 */
public record PackageList(Map<String, String> versions) {
  private static final Pattern DPKG =
      Pattern.compile("^([hi])i\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)(?:\\s.*)?$");
  private static final Pattern RPM = Pattern.compile("^(.+)-([^-]+-[^-]+)\\.([^.]+)$");

  public PackageList {
    versions = Map.copyOf(versions);
  }

  /** Parses packages.txt in either format; lines that are neither are ignored (headers). */
  public static PackageList parse(String text) {
    Map<String, String> out = new TreeMap<>();
    boolean dpkg = text.startsWith("Desired=") || text.contains("\n||/ ");
    for (String line : text.split("\n")) {
      if (dpkg) {
        Matcher m = DPKG.matcher(line);
        if (m.matches()) {
          out.put(m.group(2), m.group(3));
        }
      } else {
        Matcher m = RPM.matcher(line.strip());
        if (m.matches()) {
          out.put(m.group(1) + "." + m.group(3), m.group(2));
        }
      }
    }
    return new PackageList(out);
  }
}
