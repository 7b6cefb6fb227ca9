package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.model.PackageManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds a root filesystem with every kind of member an image has, and describes trees. */
final class TestTrees {
  static final String LONG_DIR = "usr/share/" + "a-rather-long-directory-name/".repeat(4);

  private TestTrees() {}

  /** Needs root: owners, device nodes, capabilities. */
  static void build(Path root) throws Exception {
    mkdirs(
        root,
        "etc",
        "bin",
        "usr/bin",
        "usr/lib",
        "dev/pts",
        "proc/1",
        "tmp",
        "run",
        "var/spool",
        LONG_DIR);
    write(
        root,
        "etc/passwd",
        "root:x:0:0:root:/root:/bin/sh\nalice:x:1234:5678::/home/alice:/bin/sh\n");
    write(root, "etc/group", "root:x:0:\ntty:x:5:\nstaff2:x:5678:\n");
    write(root, "bin/su", "#!/bin/sh\n");
    sh(root, "chmod 4755 bin/su");
    write(root, "bin/wall", "wall\n");
    sh(root, "chown 0:5 bin/wall && chmod 2755 bin/wall");
    sh(root, "mkdir -m 1777 var/tmp && chmod 1777 var/tmp");
    write(root, "usr/lib/alice.txt", "owned by alice\n");
    sh(root, "chown 1234:5678 usr/lib/alice.txt && chmod 0640 usr/lib/alice.txt");
    sh(
        root,
        "ln -s dash bin/sh && ln -s /etc/shadow etc/evil && ln -s ../../../../../../../etc etc/up");
    write(root, "usr/bin/a", "hardlinked\n");
    sh(root, "ln usr/bin/a usr/bin/b && ln usr/bin/a usr/bin/c");
    sh(root, "mknod dev/null c 1 3 && mknod dev/zero c 1 5 && mknod dev/sda b 8 0");
    sh(root, "mknod usr/lib/blk b 7 9 && mkfifo var/spool/fifo && chmod 0600 var/spool/fifo");
    write(root, "proc/1/status", "excluded\n");
    write(root, "tmp/junk", "excluded\n");
    write(root, "usr/bin/ping", "ping\n");
    sh(root, "setcap cap_net_raw,cap_setuid+ep usr/bin/ping");
    sh(root, "setfattr -n user.bin -v 0x80ff00 usr/bin/a");
    write(root, LONG_DIR + "long-file-name-beyond-one-hundred-bytes.txt", "long\n");
    sh(root, "ln -s /" + LONG_DIR + "long-file-name-beyond-one-hundred-bytes.txt usr/lib/longlink");
    if (utf8Names()) {
      write(root, "usr/lib/caf\u00e9", "non-ascii\n");
    }
    write(root, "usr/lib/empty", "");
    byte[] big = new byte[5 << 20];
    new Random(42).nextBytes(big);
    Files.write(root.resolve("usr/lib/big.bin"), big);
    try (ServerSocketChannel s = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      s.bind(UnixDomainSocketAddress.of(root.resolve("var/spool/sock")));
    }
    sh(root, "touch -h -d @1600000000 bin/sh && find . -exec touch -h -d @1600000000 {} +");
  }

  /** Whether this JVM decodes file names as UTF-8 (it follows the locale: LC_ALL=C.UTF-8). */
  static boolean utf8Names() {
    return "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
  }

  /** Members the default excludes leave out of {@link #build}'s tree. */
  static final List<String> EXCLUDED =
      List.of("/proc/1", "/proc/1/status", "/tmp/junk", "/dev/sda", "/var/spool/sock");

  /**
   * One line per path: type, mode, owner, size, content digest or link target, device numbers,
   * xattrs, mtime (not for symlinks) and hard-link group.
   */
  static Map<String, String> describe(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    Map<List<Object>, String> inodes = new HashMap<>();
    Map<String, String> xattrs = xattrs(root);
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        String rel = "/" + root.relativize(p).toString().replace('\\', '/');
        Map<String, Object> a =
            Files.readAttributes(
                p,
                "unix:mode,uid,gid,size,rdev,ino,dev,nlink,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int fmt = mode & 0170000;
        StringBuilder d =
            new StringBuilder(String.format("%06o %s:%s", mode, a.get("uid"), a.get("gid")));
        if (fmt == 0100000) {
          d.append(" size=").append(a.get("size")).append(" sha=").append(sha(p));
        } else if (fmt == 0120000) {
          d.append(" -> ").append(Files.readSymbolicLink(p));
        } else if (fmt == 0020000 || fmt == 0060000) {
          d.append(" rdev=").append(a.get("rdev"));
        }
        if (fmt != 0120000) {
          d.append(" mtime=").append(((FileTime) a.get("lastModifiedTime")).toMillis() / 1000);
        }
        if (fmt != 0040000 && (Integer) a.get("nlink") > 1) {
          String first = inodes.putIfAbsent(List.of(a.get("dev"), a.get("ino")), rel);
          d.append(" link=").append(first == null ? rel : first);
        }
        d.append(xattrs.getOrDefault(rel, ""));
        out.put(rel.equals("/") ? "/" : rel, d.toString());
      }
    }
    return out;
  }

  private static Map<String, String> xattrs(Path root) throws Exception {
    Process p =
        new ProcessBuilder("getfattr", "-R", "-P", "-h", "-d", "-m", "-", "-e", "hex", ".")
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    Map<String, String> out = new HashMap<>();
    String file = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("# file: ")) {
        String f = line.substring(8);
        f = f.startsWith("./") ? f.substring(1) : f.equals(".") ? "/" : "/" + f;
        file = f;
      } else if (file != null && line.contains("=") && !line.startsWith("system.")) {
        out.merge(file, " " + line, String::concat);
      }
    }
    return out;
  }

  private static String sha(Path p) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(p)) {
      md.update(in.readAllBytes());
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }

  /**
   * Exports a small tree (a hostname file and 300 kB of zeros) under {@code tmp} and publishes it
   * as {@code store/stable/x/1} with {@code extras}; returns the set's directory.
   */
  static Path publishSmallSet(Path tmp, ManifestExtras extras) throws IOException {
    Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
    Files.writeString(tree.resolve("hostname"), "h\n");
    Files.write(tree.resolve("data"), new byte[300_000]);
    Path set = tmp.resolve("store/stable/x/1");
    ExportOptions o =
        ExportOptions.defaults()
            .withPackageManager(PackageManager.NONE)
            .withSourceDateEpoch(OptionalLong.empty())
            .withThreads(1);
    StagedExport staged = new Exporter(e -> {}).stage("x/1", tmp.resolve("tree"), set, o);
    new Publisher().publish(staged, extras);
    return set;
  }

  static void mkdirs(Path root, String... dirs) throws IOException {
    for (String d : dirs) {
      Files.createDirectories(root.resolve(d));
    }
  }

  static void write(Path root, String rel, String text) throws IOException {
    Files.createDirectories(root.resolve(rel).getParent());
    Files.writeString(root.resolve(rel), text, StandardCharsets.UTF_8);
  }

  /** Runs a shell command in {@code dir}, failing the test on a non-zero exit. */
  static String sh(Path dir, String command) throws Exception {
    Process p =
        new ProcessBuilder("bash", "-c", "set -eo pipefail; " + command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s\n%s", command, out).isZero();
    return out;
  }

  static List<String> lines(String text) {
    return new ArrayList<>(List.of(text.split("\n")));
  }
}
