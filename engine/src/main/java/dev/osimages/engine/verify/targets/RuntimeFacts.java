package dev.osimages.engine.verify.targets;

import dev.osimages.engine.verify.resource.FactException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Values of resources only a running system has: mount, interface, dns, http. */
final class RuntimeFacts {
  private RuntimeFacts() {}

  static Object mount(ProbeOutput out, String point, String key) throws FactException {
    String[] found = null;
    for (String line : ProbeFacts.lines(out.global("mounts"))) {
      String[] f = line.split(" ");
      if (f.length >= 4 && f[1].replace("\\040", " ").equals(point)) {
        found = f; // the last mount on a point is the visible one
      }
    }
    if (key.equals("exists")) {
      return found != null;
    }
    if (found == null) {
      throw new FactException("Mountpoint " + point + " not found");
    }
    return switch (key) {
      case "opts" -> List.of(found[3].split(","));
      case "source" -> found[0];
      case "filesystem" -> found[2];
      default -> throw new FactException("mount " + key + " is not supported by this engine");
    };
  }

  static Object iface(ProbeOutput out, int i, String key) throws FactException {
    boolean exists = "1".equals(out.get(i, "exists"));
    if (key.equals("exists")) {
      return exists;
    }
    if (!exists) {
      throw new FactException("interface not found");
    }
    if (key.equals("mtu")) {
      return Long.parseLong(out.get(i, "mtu").strip());
    }
    List<String> addrs = new ArrayList<>();
    for (String line : ProbeFacts.lines(out.get(i, "addrs"))) {
      String[] f = line.strip().split("\\s+");
      if (f.length > 3) {
        addrs.add(f[3]);
      }
    }
    return addrs;
  }

  static Object dns(ProbeOutput out, int i, String key) throws FactException {
    String rc = out.get(i, "rc");
    if (rc == null) {
      throw new FactException("dns: no result from the probe");
    }
    if (key.equals("resolvable")) {
      return rc.strip().equals("0");
    }
    TreeSet<String> addrs = new TreeSet<>();
    for (String line : ProbeFacts.lines(out.get(i, "out"))) {
      addrs.add(line.strip().split("\\s+")[0]);
    }
    return new ArrayList<>(addrs);
  }

  static Object http(ProbeOutput out, int i, String key) throws FactException {
    if (out.get(i, "nocurl") != null) {
      throw new FactException("http needs curl in the image; none found");
    }
    if (out.get(i, "status") == null || !"0".equals(out.get(i, "rc").strip())) {
      throw new FactException("http request failed (curl exit " + out.get(i, "rc") + ")");
    }
    return switch (key) {
      case "status" -> Long.parseLong(out.get(i, "status").strip());
      case "body" -> out.get(i, "body");
      default ->
          ProbeFacts.lines(out.get(i, "headers").replace("\r", "")).stream()
              .filter(l -> l.contains(":"))
              .toList();
    };
  }
}
