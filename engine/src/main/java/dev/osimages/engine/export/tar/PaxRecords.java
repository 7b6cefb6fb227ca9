package dev.osimages.engine.export.tar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Parses pax extended header records ("LEN key=value\n"), values kept as raw bytes. */
final class PaxRecords {
  private PaxRecords() {}

  static Map<String, byte[]> parse(byte[] data, long at) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    int i = 0;
    while (i < data.length && data[i] != 0) {
      int space = i;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IOException("malformed pax record in the header at byte " + at, e);
      }
      int end = i + len;
      int eq = space + 1;
      while (eq < end && data[eq] != '=') {
        eq++;
      }
      if (len <= 0 || end > data.length || eq >= end || data[end - 1] != '\n') {
        throw new IOException("malformed pax record in the header at byte " + at);
      }
      String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
      byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, end - 1);
      out.put(key, value);
      i = end;
    }
    return out;
  }

  static String text(Map<String, byte[]> pax, String key, String otherwise) {
    byte[] v = pax.get(key);
    return v == null ? otherwise : new String(v, StandardCharsets.UTF_8);
  }

  static long number(Map<String, byte[]> pax, String key, long otherwise) {
    byte[] v = pax.get(key);
    if (v == null) {
      return otherwise;
    }
    String s = new String(v, StandardCharsets.US_ASCII);
    int dot = s.indexOf('.');
    return Long.parseLong(dot >= 0 ? s.substring(0, dot) : s);
  }

  static long size(Map<String, byte[]> pax, long otherwise) {
    return number(pax, "size", otherwise);
  }
}
