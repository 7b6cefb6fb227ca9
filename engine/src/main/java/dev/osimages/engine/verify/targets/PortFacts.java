package dev.osimages.engine.verify.targets;

import java.util.ArrayList;
import java.util.List;

/**
 * Listening sockets from /proc/net/{tcp,tcp6,udp,udp6} as goss reports them for "tcp:22",
 * "tcp6:22", "udp:53" (no protocol means tcp): listening, and the local addresses.
 */
final class PortFacts {
  private PortFacts() {}

  static Object actual(ProbeOutput out, String id, String key) {
    String proto = id.contains(":") ? id.substring(0, id.indexOf(':')) : "tcp";
    int port = Integer.parseInt(id.substring(id.indexOf(':') + 1));
    boolean udp = proto.startsWith("udp");
    List<String> ips = new ArrayList<>();
    for (String line : ProbeFacts.lines(out.global(proto))) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 4 || !f[1].contains(":")) {
        continue; // the header
      }
      String[] local = f[1].split(":");
      boolean listening = udp ? f[3].equals("07") : f[3].equals("0A");
      if (listening && Integer.parseInt(local[1], 16) == port) {
        ips.add(address(local[0]));
      }
    }
    return key.equals("listening") ? !ips.isEmpty() : ips;
  }

  /** Decodes the kernel's hex address: 32-bit words in host (little-endian) order. */
  static String address(String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int w = 0; w < b.length / 4; w++) {
      for (int k = 0; k < 4; k++) {
        int at = (w * 4 + 3 - k) * 2;
        b[w * 4 + k] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return java.net.InetAddress.getByAddress(b)
          .getHostAddress()
          .replaceAll("(^|:)0(:0)+(:|$)", "::")
          .replaceAll(":{3,}", "::");
    } catch (java.net.UnknownHostException e) {
      return hex;
    }
  }
}
