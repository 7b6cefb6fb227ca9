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
import java.util.Optional;

/**
 * The content hash of COPY sources for the step cache: for each matched source, the tree it copies
 * (symlinks of the source path followed, entries a {@code .dockerignore} leaves out not seen):
 * names, types, modes, link targets and file bytes. Owners and times are left out because a context
 * copy resets owners and a checkout resets times; neither should invalidate the cache.
 */
final class ContentHash {
  private ContentHash() {}

  static String of(CopySource source, List<String> paths) {
    MessageDigest d = Digests.sha256();
    LayerStack view = source.view();
    for (String rel : paths) {
      d.update((rel + "\0").getBytes(StandardCharsets.UTF_8));
      String followed = view.resolve(rel, true);
      try {
        walk(d, view, followed, "");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + rel + " in " + source.describe(), e);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /** The same for real paths (e.g. what a bind mount is made of), each hashed as a tree. */
  static String of(List<Path> paths) {
    MessageDigest d = Digests.sha256();
    for (Path p : paths) {
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      d.update((name + "\0").getBytes(StandardCharsets.UTF_8));
      try {
        walk(d, new LayerStack(List.of(p.getParent() == null ? p : p.getParent())), name, "");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p, e);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static void walk(MessageDigest d, LayerStack view, String rel, String name)
      throws IOException {
    Optional<Path> f = view.find(rel);
    if (f.isEmpty()) {
      d.update("missing\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    Path p = f.get();
    int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    int type = mode & 0170000;
    d.update((name + "\0" + Integer.toOctalString(mode) + "\0").getBytes(StandardCharsets.UTF_8));
    if (type == 0120000) {
      d.update(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8));
    } else if (type == 0100000) {
      try (InputStream in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          d.update(buf, 0, n);
        }
      }
    }
    d.update((byte) '\n');
    if (type == 0040000) {
      for (String c : view.list(rel)) {
        walk(d, view, rel.isEmpty() ? c : rel + "/" + c, name + "/" + c);
      }
    }
  }
}
