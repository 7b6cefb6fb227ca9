package dev.osimages.engine.builder.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every member of a root filesystem directory with what the conformance suite compares: type,
 * owner, mode, size, content digest, link target, device numbers, extended attributes (all
 * namespaces, read with getfattr) and the other members of its hard-link group. Modification times
 * are left out on purpose: no two builds agree on them.
 */
record TreeListing(SortedMap<String, Member> members) {
  /** One member; {@code hardLinks} are the other paths sharing its inode. */
  record Member(
      String type,
      int uid,
      int gid,
      int mode,
      long size,
      String digest,
      String linkTarget,
      String device,
      SortedMap<String, String> xattrs,
      SortedSet<String> hardLinks) {}

  /** Reads the tree under {@code root} (the root itself is not a member). */
  static TreeListing of(Path root) throws IOException {
    Map<String, SortedMap<String, String>> xattrs = xattrs(root);
    Map<String, List<String>> inodes = new HashMap<>();
    Map<String, Map<String, Object>> stats = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(root)) {
          continue;
        }
        String rel = root.relativize(p).toString();
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        stats.put(rel, a);
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && (Integer) a.get("nlink") > 1) {
          inodes
              .computeIfAbsent(a.get("dev") + ":" + a.get("ino"), k -> new ArrayList<>())
              .add(rel);
        }
      }
    }
    Map<String, SortedSet<String>> groups = new HashMap<>();
    for (List<String> g : inodes.values()) {
      for (String m : g) {
        SortedSet<String> others = new TreeSet<>(g);
        others.remove(m);
        groups.put(m, others);
      }
    }
    SortedMap<String, Member> out = new TreeMap<>();
    for (Map.Entry<String, Map<String, Object>> e : stats.entrySet()) {
      String rel = e.getKey();
      Map<String, Object> a = e.getValue();
      Path p = root.resolve(rel);
      int mode = (Integer) a.get("mode");
      String type = type(mode);
      long rdev = (Long) a.get("rdev");
      out.put(
          rel,
          new Member(
              type,
              (Integer) a.get("uid"),
              (Integer) a.get("gid"),
              mode & 07777,
              type.equals("file") ? (Long) a.get("size") : 0,
              type.equals("file") ? sha256(p) : "",
              type.equals("symlink") ? Files.readSymbolicLink(p).toString() : "",
              type.equals("char") || type.equals("block")
                  ? ((rdev >> 8) & 0xfff) + "," + ((rdev & 0xff) | ((rdev >> 12) & 0xfff00))
                  : "",
              xattrs.getOrDefault(rel, new TreeMap<>()),
              groups.getOrDefault(rel, new TreeSet<>())));
    }
    return new TreeListing(out);
  }

  private static String type(int mode) {
    return switch (mode & 0170000) {
      case 0040000 -> "dir";
      case 0100000 -> "file";
      case 0120000 -> "symlink";
      case 0020000 -> "char";
      case 0060000 -> "block";
      case 0010000 -> "fifo";
      case 0140000 -> "socket";
      default -> "unknown";
    };
  }

  private static String sha256(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every extended attribute under {@code root} (values in hex), by relative path. */
  private static Map<String, SortedMap<String, String>> xattrs(Path root) throws IOException {
    Process p =
        new ProcessBuilder(
                "getfattr", "--absolute-names", "-h", "-R", "-d", "-m", "-", "-e", "hex", ".")
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    Map<String, SortedMap<String, String>> out = new HashMap<>();
    String file = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("# file: ")) {
        file = line.substring("# file: ".length()).replaceFirst("^\\./", "");
      } else if (file != null && line.contains("=")) {
        int eq = line.indexOf('=');
        out.computeIfAbsent(file, k -> new TreeMap<>())
            .put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  /** Only for messages: a short description of a member. */
  static String describe(Member m) {
    return m.type()
        + " "
        + m.uid()
        + ":"
        + m.gid()
        + " "
        + String.format("%04o", m.mode())
        + (m.linkTarget().isEmpty() ? "" : " -> " + m.linkTarget());
  }
}
