package dev.osimages.engine.base;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the parts of apt's archive indices that the key check needs: a file's SHA-256 in a {@code
 * Release} text, one package's stanza in a {@code Packages} index, and gpgv's status lines.
 */
final class AptIndex {
  private AptIndex() {}

  /** The SHA-256 the Release text gives for {@code path} (e.g. main/binary-amd64/Packages.gz). */
  static Optional<String> releaseSha256(String release, String path) {
    boolean inSection = false;
    for (String line : release.split("\n", -1)) {
      if (!line.startsWith(" ")) {
        inSection = line.strip().equals("SHA256:");
        continue;
      }
      String[] w = line.strip().split("\\s+");
      if (inSection && w.length == 3 && w[2].equals(path) && w[0].matches("[0-9a-f]{64}")) {
        return Optional.of(w[0]);
      }
    }
    return Optional.empty();
  }

  /** The fields of the first stanza for {@code pkg} in a Packages index (continuations dropped). */
  static Optional<Map<String, String>> stanza(InputStream packages, String pkg) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(packages, StandardCharsets.UTF_8));
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line; (line = r.readLine()) != null; ) {
      if (line.isEmpty()) {
        if (pkg.equals(fields.get("Package"))) {
          return Optional.of(fields);
        }
        fields = new LinkedHashMap<>();
      } else if (!line.startsWith(" ") && !line.startsWith("\t") && line.indexOf(':') > 0) {
        int colon = line.indexOf(':');
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return pkg.equals(fields.get("Package")) ? Optional.of(fields) : Optional.empty();
  }

  /**
   * Why gpgv's status lines do not show a good, current signature by the primary key {@code
   * fingerprint}, or empty when they do. A bad signature anywhere refuses the file.
   */
  static Optional<String> signatureProblem(List<String> status, String fingerprint) {
    boolean valid = false;
    for (String line : status) {
      String[] w = line.strip().split("\\s+");
      if (w.length < 2 || !w[0].equals("[GNUPG:]")) {
        continue;
      }
      switch (w[1]) {
        case "BADSIG":
          return Optional.of("has a bad signature (it was altered)");
        case "EXPKEYSIG":
        case "REVKEYSIG":
        case "EXPSIG":
          if (line.contains(fingerprint.substring(24))) {
            return Optional.of("is signed by an expired or revoked key (" + w[1] + ")");
          }
          break;
        case "VALIDSIG":
          valid |= w[2].equals(fingerprint) || w[w.length - 1].equals(fingerprint);
          break;
        default:
          break;
      }
    }
    return valid ? Optional.empty() : Optional.of("is not signed by that key");
  }
}
