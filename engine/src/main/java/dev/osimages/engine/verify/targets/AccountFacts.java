package dev.osimages.engine.verify.targets;

import dev.osimages.engine.verify.resource.FactException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Users and groups from the image's /etc/passwd and /etc/group, as goss computes them: a user's
 * groups are the sorted names of every group whose gid is the user's primary gid or whose member
 * list names the user.
 */
final class AccountFacts {
  private AccountFacts() {}

  static Object user(ProbeOutput out, String name, String key) throws FactException {
    String[] u = find(out.global("passwd"), 0, name);
    if (key.equals("exists")) {
      return u != null;
    }
    if (u == null || u.length < 7) {
      throw new FactException("user: unknown user " + name);
    }
    return switch (key) {
      case "uid" -> Long.parseLong(u[2]);
      case "gid" -> Long.parseLong(u[3]);
      case "home" -> u[5];
      case "shell" -> u[6];
      default -> groupsOf(out, name, u[3]);
    };
  }

  static Object group(ProbeOutput out, String name, String key) throws FactException {
    String[] g = find(out.global("group"), 0, name);
    if (key.equals("exists")) {
      return g != null;
    }
    if (g == null || g.length < 3) {
      throw new FactException("group: unknown group " + name);
    }
    return Long.parseLong(g[2]);
  }

  static String userName(ProbeOutput out, long uid) throws FactException {
    String[] u = find(out.global("passwd"), 2, Long.toString(uid));
    if (u == null) {
      throw new FactException("Error: no matching entries in passwd file for uid " + uid);
    }
    return u[0];
  }

  static String groupName(ProbeOutput out, long gid) throws FactException {
    String[] g = find(out.global("group"), 2, Long.toString(gid));
    if (g == null) {
      throw new FactException("Error: no matching entries in group file for gid " + gid);
    }
    return g[0];
  }

  private static List<String> groupsOf(ProbeOutput out, String user, String gid) {
    TreeSet<String> names = new TreeSet<>();
    for (String line : ProbeFacts.lines(out.global("group"))) {
      String[] g = line.split(":", -1);
      if (g.length >= 4 && (g[2].equals(gid) || Arrays.asList(g[3].split(",")).contains(user))) {
        names.add(g[0]);
      }
    }
    return new ArrayList<>(names);
  }

  private static String[] find(String file, int field, String value) {
    for (String line : ProbeFacts.lines(file)) {
      String[] f = line.split(":", -1);
      if (f.length > field && f[field].equals(value)) {
        return f;
      }
    }
    return null;
  }
}
