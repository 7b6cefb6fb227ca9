package dev.osimages.engine.builder.chroot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The resolv.conf a RUN step in a private network sees, made from the host's: the host's name
 * servers in the host's order, except that a loopback (or IPv6 link-local) server, which the step
 * cannot reach, becomes the user-mode network's DNS forwarder ({@value #FORWARDER4}, or {@value
 * #FORWARDER6} for IPv6), which slirp4netns answers by asking the host's first name server of that
 * family; search domains and options stay as the host has them. A host on systemd-resolved's
 * 127.0.0.53 thus resolves through the forwarder without opening the host's loopback to the step.
 */
final class StepResolvConf {
  /** slirp4netns's DNS forwarder in its default IPv4 network 10.0.2.0/24. */
  static final String FORWARDER4 = "10.0.2.3";

  /** slirp4netns's DNS forwarder in its IPv6 network fd00::/64. */
  static final String FORWARDER6 = "fd00::3";

  private StepResolvConf() {}

  /** The step's resolv.conf for the host's {@code text}. */
  static String of(String text) {
    List<String> out = new ArrayList<>();
    Set<String> servers = new LinkedHashSet<>();
    for (String line : text.split("\n", -1)) {
      String[] w = line.strip().split("\\s+");
      if (w.length >= 2 && w[0].equals("nameserver")) {
        String server = reachable(w[1]);
        if (servers.add(server)) {
          out.add("nameserver " + server);
        }
      } else {
        out.add(line);
      }
    }
    return String.join("\n", out);
  }

  /** {@code server} itself when the step can reach it through NAT, else the forwarder. */
  private static String reachable(String server) {
    if (server.startsWith("127.")) {
      return FORWARDER4;
    }
    String v6 = server.toLowerCase(java.util.Locale.ROOT);
    if (v6.equals("::1") || v6.matches("fe[89ab][0-9a-f]:.*")) {
      return FORWARDER6;
    }
    return server;
  }
}
