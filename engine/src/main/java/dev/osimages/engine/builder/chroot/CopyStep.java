package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.host.Tarballs;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * COPY and ADD with Docker's rules: a directory source copies its contents, several sources or a
 * trailing slash make the destination a directory, an existing directory destination receives the
 * file under its own name, a relative destination is relative to WORKDIR. ADD extracts local tar
 * archives. Destinations resolve inside the image through {@link LayerStack}; {@code --chown}
 * applies to everything copied (and a destination directory it creates), {@code --chmod} too.
 */
final class CopyStep {
  private final ImageWriter writer;
  private final Path tmp;
  private final Consumer<String> lines;

  CopyStep(ImageWriter writer, Path tmp, Consumer<String> lines) {
    this.writer = writer;
    this.tmp = tmp;
    this.lines = lines;
  }

  /** What to do: real sources, the destination as written, owner and mode overrides. */
  record Spec(
      List<Path> sources,
      String dest,
      String workdir,
      boolean add,
      boolean keepOwner,
      Optional<Users.Identity> chown,
      Optional<Integer> chmod) {}

  void copy(Spec s) {
    boolean toDir = s.dest().endsWith("/") || s.sources().size() > 1;
    String abs = s.dest().startsWith("/") ? s.dest() : "/" + s.workdir() + "/" + s.dest();
    String dest = writer.view().resolve(abs, true);
    for (Path src : s.sources()) {
      if (Files.isDirectory(src)) {
        ensureDir(dest, s);
        tree(src, dest, s);
      } else if (s.add() && isArchive(src)) {
        ensureDir(dest, s);
        extract(src, dest, s);
      } else {
        String target = dest;
        Optional<Path> existing = writer.view().find(dest);
        if (toDir
            || (existing.isPresent()
                && Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS))) {
          ensureDir(dest, s);
          target = writer.view().resolve(join(dest, src.getFileName().toString()), false);
        }
        writer.file(target, src, attrs(src, s));
      }
    }
  }

  private void ensureDir(String dest, Spec s) {
    if (dest.isEmpty()) {
      return;
    }
    ImageWriter.Attrs a = ImageWriter.Attrs.ROOT_DIR;
    if (s.chown().isPresent()) {
      a = a.withOwner(s.chown().get().uid(), s.chown().get().gid());
    }
    writer.directory(dest, a);
  }

  private void tree(Path srcDir, String destDir, Spec s) {
    List<Path> children;
    try (Stream<Path> st = Files.list(srcDir)) {
      children = st.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + srcDir, e);
    }
    for (Path c : children) {
      boolean dir = Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS);
      String target = writer.view().resolve(join(destDir, c.getFileName().toString()), dir);
      if (dir) {
        writer.directory(target, attrs(c, s));
        tree(c, target, s);
      } else {
        writer.file(target, c, attrs(c, s));
      }
    }
  }

  private ImageWriter.Attrs attrs(Path src, Spec s) {
    ImageWriter.Attrs a = ImageWriter.Attrs.of(src).withMode(s.chmod());
    if (s.chown().isPresent()) {
      return a.withOwner(s.chown().get().uid(), s.chown().get().gid());
    }
    return s.keepOwner() ? a : a.withOwner(0, 0);
  }

  private void extract(Path archive, String dest, Spec s) {
    boolean emptyImage = writer.view().list("").isEmpty();
    try {
      Files.createDirectories(tmp);
      Path t = Files.createTempDirectory(tmp, "add-");
      try {
        if (emptyImage && dest.isEmpty()) {
          // The distribution-base case (FROM scratch, ADD rootfs.tar /): extract straight into the
          // layer so that extended attributes such as file capabilities survive.
          Tarballs.extract(archive, writer.upper(), lines);
          return;
        }
        Tarballs.extract(archive, t, lines);
        tree(t, dest, new Spec(List.of(), "", "", true, true, s.chown(), s.chmod()));
      } finally {
        Trees.delete(t);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + archive, e);
    }
  }

  /** True for tar archives, plain or compressed (by magic number, as Docker decides). */
  static boolean isArchive(Path f) {
    byte[] h = new byte[262];
    int n;
    try (InputStream in = Files.newInputStream(f)) {
      n = in.readNBytes(h, 0, h.length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
    boolean gzip = n >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b;
    boolean bzip2 = n >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h';
    boolean xz =
        n >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z';
    boolean zstd =
        n >= 4
            && (h[0] & 0xff) == 0x28
            && (h[1] & 0xff) == 0xb5
            && (h[2] & 0xff) == 0x2f
            && (h[3] & 0xff) == 0xfd;
    boolean tar =
        n >= 262
            && new String(h, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
    return gzip || bzip2 || xz || zstd || tar;
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }
}
