package dev.osimages.engine.verify.targets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The records a probe printed, parsed: key (resource index or G) and field to decoded text. Lines
 * outside BEGIN..END (a console's noise) are ignored; a run without END is incomplete.
 */
public record ProbeOutput(Map<String, String> fields, boolean complete) {
  /** Parses the last complete BEGIN..END block in a text (a serial log may hold several). */
  public static Optional<ProbeOutput> parseLast(String text) {
    int begin = text.lastIndexOf("BEGIN\n");
    while (begin >= 0) {
      int end = text.indexOf("\nEND", begin);
      if (end >= 0) {
        return Optional.of(parse(text.substring(begin, end + 1), true));
      }
      begin = begin == 0 ? -1 : text.lastIndexOf("BEGIN\n", begin - 1);
    }
    return Optional.empty();
  }

  /** Parses records from a block of text. */
  static ProbeOutput parse(String block, boolean complete) {
    Map<String, String> fields = new HashMap<>();
    for (String line : block.split("\n")) {
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      String[] parts = l.split("\t", -1);
      if (parts.length == 4 && parts[0].equals("R")) {
        fields.put(parts[1] + "." + parts[2], parts[3]);
      } else if (parts.length == 4 && parts[0].equals("F")) {
        try {
          byte[] raw = Base64.getDecoder().decode(parts[3].strip());
          fields.put(parts[1] + "." + parts[2], new String(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          // a garbled line (console interleaving): leave the fact missing, the test errors
        }
      }
    }
    return new ProbeOutput(Map.copyOf(fields), complete);
  }

  /** A field of one resource (by index), or null. */
  public String get(int index, String field) {
    return fields.get(index + "." + field);
  }

  /** A global field (passwd, group, procs, tcp, mounts), or null. */
  public String global(String field) {
    return fields.get("G." + field);
  }
}
