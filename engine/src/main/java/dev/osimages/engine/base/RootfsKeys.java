package dev.osimages.engine.base;

import dev.osimages.engine.host.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The cache key of a root filesystem directory used as a base. A result of this engine carries its
 * key next to it ({@code ../meta.properties}); any other directory is keyed by a walk over names,
 * types, modes, owners, sizes, times and link targets, which changes whenever its content does.
 */
final class RootfsKeys {
  private RootfsKeys() {}

  static String of(Path dir) {
    Path meta = dir.toAbsolutePath().getParent().resolve("meta.properties");
    if (dir.getFileName().toString().equals("rootfs") && Files.isRegularFile(meta)) {
      Properties p = new Properties();
      try (var r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + meta, e);
      }
      String key = p.getProperty("key");
      if (key != null) {
        return ofResult(key);
      }
    }
    return walk(dir);
  }

  /** The key of the result whose cache key is {@code key}, as a base. */
  static String ofResult(String key) {
    return Digests.of("rootfs-result", key);
  }

  private static String walk(Path dir) {
    MessageDigest d = Digests.sha256();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        String link = Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : "";
        String line =
            dir.relativize(p)
                + "\0"
                + a.get("mode")
                + "\0"
                + a.get("uid")
                + "\0"
                + a.get("gid")
                + "\0"
                + a.get("size")
                + "\0"
                + a.get("lastModifiedTime")
                + "\0"
                + link
                + "\n";
        d.update(line.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return "rootfs-walk-" + HexFormat.of().formatHex(d.digest());
  }
}
