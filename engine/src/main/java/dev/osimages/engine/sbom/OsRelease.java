package dev.osimages.engine.sbom;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The image's operating system as its {@code /etc/os-release} (or {@code /usr/lib/os-release})
 * names it: os-release(5) variables, quotes removed.
 *
 * @param id {@code ID}: {@code debian}, {@code ubuntu}, {@code almalinux}
 * @param versionId {@code VERSION_ID}: {@code 13}, {@code 24.04}, {@code 9.5}; "" for a rolling
 *     release (Debian testing has none)
 * @param codename {@code VERSION_CODENAME}, "" when not set
 * @param prettyName {@code PRETTY_NAME}
 */
public record OsRelease(String id, String versionId, String codename, String prettyName) {
  /** An image without an os-release file. */
  public static final OsRelease UNKNOWN = new OsRelease("unknown", "", "", "unknown");

  /** Parses the text of an os-release file; missing variables become "". */
  public static OsRelease parse(String text) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      int eq = l.indexOf('=');
      if (l.startsWith("#") || eq <= 0) {
        continue;
      }
      vars.put(l.substring(0, eq), unquote(l.substring(eq + 1)));
    }
    String id = vars.getOrDefault("ID", "").isEmpty() ? "linux" : vars.get("ID");
    return new OsRelease(
        id,
        vars.getOrDefault("VERSION_ID", ""),
        vars.getOrDefault("VERSION_CODENAME", ""),
        vars.getOrDefault("PRETTY_NAME", id));
  }

  /**
   * The {@code distro} qualifier scanners read from a purl: {@code ID-VERSION_ID} as syft and trivy
   * write it ({@code debian-13}, {@code ubuntu-24.04}); the codename when there is no version.
   */
  public String distro() {
    String v = versionId.isEmpty() ? codename : versionId;
    return v.isEmpty() ? id : id + "-" + v;
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      v = v.substring(1, v.length() - 1);
    }
    return v.replace("\\\"", "\"").replace("\\$", "$").replace("\\`", "`").replace("\\\\", "\\");
  }
}
