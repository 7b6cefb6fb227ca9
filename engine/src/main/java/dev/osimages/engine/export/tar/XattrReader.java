package dev.osimages.engine.export.tar;

import dev.osimages.engine.host.HostCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the extended attributes of many files at once with {@code getfattr} (package attr). Java's
 * file attribute views only reach the "user." namespace on Linux, and capabilities live in
 * "security."; one getfattr process per few thousand files costs milliseconds. Symlinks are never
 * followed ({@code -h}); names are passed "./"-relative from the image root so none can look like
 * an option. POSIX ACLs ("system.*") are not carried: GNU tar restores those from its own records.
 */
public final class XattrReader {
  private static final int BATCH = 2000;
  private static final int BATCH_BYTES = 100_000;

  private XattrReader() {}

  /**
   * Xattrs of the given "./"-relative members under {@code rootfs}, keyed by member path without a
   * trailing "/"; members without xattrs are absent.
   */
  public static Map<String, Map<String, byte[]>> read(Path rootfs, List<String> members)
      throws IOException {
    Map<String, Map<String, byte[]>> out = new HashMap<>();
    List<String> batch = new ArrayList<>();
    int bytes = 0;
    for (String m : members) {
      batch.add(m);
      bytes += m.length() + 1;
      if (batch.size() >= BATCH || bytes >= BATCH_BYTES) {
        runBatch(rootfs, batch, out);
        batch.clear();
        bytes = 0;
      }
    }
    if (!batch.isEmpty()) {
      runBatch(rootfs, batch, out);
    }
    return out;
  }

  private static void runBatch(
      Path rootfs, List<String> batch, Map<String, Map<String, byte[]>> out) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("getfattr", "-h", "-d", "-m", "-", "-e", "hex"));
    cmd.add("--absolute-names");
    cmd.add("--");
    cmd.addAll(batch);
    HostCommand.Captured r;
    try {
      r = HostCommand.capture(cmd, rootfs);
    } catch (UncheckedIOException e) {
      throw new IOException(
          "cannot run getfattr (install the 'attr' package): " + e.getCause().getMessage(),
          e.getCause());
    }
    if (!r.ok()) {
      throw new IOException(
          "getfattr failed (exit "
              + r.exitCode()
              + ") under "
              + rootfs
              + ": "
              + r.stderr().strip());
    }
    String stdout = r.stdout();
    parse(stdout, out);
  }

  static void parse(String text, Map<String, Map<String, byte[]>> out) {
    String file = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("# file: ")) {
        file = unescape(line.substring(8));
        if (file.length() > 2 && file.endsWith("/")) {
          file = file.substring(0, file.length() - 1);
        }
      } else if (file != null && !line.isEmpty() && line.contains("=")) {
        int eq = line.indexOf('=');
        String name = unescape(line.substring(0, eq));
        String value = line.substring(eq + 1);
        if (name.startsWith("system.")) {
          continue;
        }
        out.computeIfAbsent(file, k -> new TreeMap<>()).put(name, decodeValue(value));
      }
    }
  }

  private static byte[] decodeValue(String v) {
    if (v.startsWith("0x")) {
      return HexFormat.of().parseHex(v.substring(2));
    }
    // getfattr prints an empty value as ""
    return new byte[0];
  }

  /** getfattr escapes "\", newlines and other special bytes as backslash + three octal digits. */
  static String unescape(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\\' && isOctal(raw, i + 1)) {
        b.write(Integer.parseInt(new String(raw, i + 1, 3, StandardCharsets.US_ASCII), 8));
        i += 3;
      } else {
        b.write(raw[i]);
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private static boolean isOctal(byte[] raw, int at) {
    if (at + 3 > raw.length) {
      return false;
    }
    for (int i = at; i < at + 3; i++) {
      if (raw[i] < '0' || raw[i] > '7') {
        return false;
      }
    }
    return true;
  }
}
