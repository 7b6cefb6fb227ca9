package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.host.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The content hash of COPY sources for the step cache: names, types, permission bits, link targets
 * and file bytes. Owners and times are left out because a context copy resets owners and a checkout
 * resets times; neither should invalidate the cache.
 */
final class ContentHash {
  private ContentHash() {}

  static String of(List<Path> sources) {
    MessageDigest d = Digests.sha256();
    for (Path src : sources) {
      try (Stream<Path> s = Files.walk(src)) {
        for (Path p : (Iterable<Path>) s.sorted()::iterator) {
          entry(d, src.getFileName() + "/" + src.relativize(p), p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + src, e);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static void entry(MessageDigest d, String name, Path p) throws IOException {
    int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    d.update((name + "\0" + Integer.toOctalString(mode) + "\0").getBytes(StandardCharsets.UTF_8));
    if (Files.isSymbolicLink(p)) {
      d.update(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8));
    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      try (InputStream in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          d.update(buf, 0, n);
        }
      }
    }
    d.update((byte) '\n');
  }
}
