package dev.osimages.engine.export.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses a dpkg status file (RFC 822-like stanzas, continuation lines start with a space). */
final class DpkgStatus {
  private DpkgStatus() {}

  static List<Map<String, String>> parse(String text) {
    List<Map<String, String>> out = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    String last = null;
    for (String line : text.split("\n", -1)) {
      if (line.isBlank()) {
        if (current.containsKey("Package")) {
          out.add(current);
        }
        current = new LinkedHashMap<>();
        last = null;
      } else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
        current.merge(last, "\n" + line, String::concat);
      } else {
        int colon = line.indexOf(':');
        if (colon > 0) {
          last = line.substring(0, colon);
          current.put(last, line.substring(colon + 1).strip());
        }
      }
    }
    if (current.containsKey("Package")) {
      out.add(current);
    }
    return out;
  }
}
