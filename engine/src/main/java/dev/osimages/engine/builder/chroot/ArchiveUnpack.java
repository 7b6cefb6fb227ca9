package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.StreamingCommand;
import dev.osimages.engine.host.Tarballs;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * ADD of a local archive, as BuildKit unpacks one: the destination directory is made (owned by
 * {@code --chown}, which applies to nothing else), then every member is written with the owner,
 * mode, extended attributes and hard links the archive gives it. A directory the archive lists
 * takes the archive's attributes even where the image has it already; a parent it only implies
 * keeps the image's (or is made 0755 root); a member replaces what the image has at its path, a
 * directory included; the image's symlinks lead the way to members below them. GNU tar does the
 * reading (into a directory beside the layer), the members are then moved into the layer.
 */
final class ArchiveUnpack {
  private final ImageWriter w;
  private final Path tmp;
  private final Consumer<String> lines;

  ArchiveUnpack(ImageWriter w, Path tmp, Consumer<String> lines) {
    this.w = w;
    this.tmp = tmp;
    this.lines = lines;
  }

  /** Unpacks {@code archive} into the image directory {@code dest} (absolute image path). */
  void unpack(Path archive, String dest, ImageWriter.Attrs created) {
    String d = w.view().resolve(dest, true);
    w.mkdirs(d, created);
    try {
      Files.createDirectories(tmp);
      Path t = Files.createTempDirectory(tmp, "add-");
      try {
        Tarballs.extract(archive, t, lines);
        Set<String> listed = listed(archive);
        if (listed.contains("")) {
          w.apply(d, ImageWriter.Attrs.of(t));
        }
        merge(t, d, "", listed);
      } finally {
        Trees.delete(t);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + archive, e);
    }
  }

  private void merge(Path dir, String dest, String inArchive, Set<String> listed)
      throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = s.sorted().toList();
    }
    for (Path t : children) {
      String name = t.getFileName().toString();
      String r = inArchive.isEmpty() ? name : inArchive + "/" + name;
      String d = dest.isEmpty() ? name : dest + "/" + name;
      if (!Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
        w.move(d, t);
        continue;
      }
      if (!listed.contains(r)) {
        // Only implied by its members: the image's own entry (through its symlinks) stays.
        d = w.view().resolve(d, true);
      }
      Optional<Path> existing = w.view().find(d);
      if (existing.isEmpty() && !Files.exists(w.upper().resolve(d), LinkOption.NOFOLLOW_LINKS)) {
        w.move(d, t);
        continue;
      }
      if (existing.isPresent() && Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
        if (listed.contains(r)) {
          ImageWriter.copyUserXattrs(t, w.apply(d, ImageWriter.Attrs.of(t)));
        } else {
          w.directory(d, ImageWriter.Attrs.ROOT_DIR);
        }
      } else if (listed.contains(r)) {
        w.directory(d, ImageWriter.Attrs.of(t));
      } else {
        throw new IllegalArgumentException("/" + d + " exists in the image and is not a directory");
      }
      merge(t, d, r, listed);
    }
  }

  /** The members {@code archive} names, as image-relative paths ("" for its root). */
  private static Set<String> listed(Path archive) {
    Set<String> out = new HashSet<>();
    String text =
        HostCommand.output(
            List.of("tar", "--list", "--quoting-style=literal", "--file=" + archive.toString()));
    for (String name : text.split("\n")) {
      String n = name;
      while (n.startsWith("./") || n.startsWith("/")) {
        n = n.substring(n.startsWith("/") ? 1 : 2);
      }
      while (n.endsWith("/")) {
        n = n.substring(0, n.length() - 1);
      }
      out.add(n.equals(".") ? "" : n);
    }
    return out;
  }

  /**
   * True when {@code f} is a regular file holding a tar archive, plain or compressed with gzip,
   * bzip2, xz or zstd: its first block, decompressed, is a tar header with a valid checksum (what
   * BuildKit's test amounts to: a file that only looks compressed is copied as it is).
   */
  static boolean isArchive(Path f) {
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    byte[] head = head(f, 6);
    String tool = compression(head);
    byte[] block;
    if (tool == null) {
      block = head(f, 512);
    } else {
      block = decompressedHead(tool, f);
    }
    return TarHeader.valid(block);
  }

  /** The decompressor for data starting with {@code h}, or null for none. */
  private static String compression(byte[] h) {
    if (h.length >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) {
      return "gzip";
    }
    if (h.length >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') {
      return "bzip2";
    }
    if (h.length >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X') {
      return "xz";
    }
    if (h.length >= 4
        && (h[0] & 0xff) == 0x28
        && (h[1] & 0xff) == 0xb5
        && (h[2] & 0xff) == 0x2f
        && (h[3] & 0xff) == 0xfd) {
      return "zstd";
    }
    return null;
  }

  private static byte[] head(Path f, int n) {
    try (InputStream in = Files.newInputStream(f)) {
      return in.readNBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  /** The first 512 bytes {@code tool -dc} makes of {@code f} (fewer when it fails early). */
  private static byte[] decompressedHead(String tool, Path f) {
    try (StreamingCommand c = HostCommand.stream(List.of(tool, "-dc", f.toString()), null)) {
      return c.stdout().readNBytes(512);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + tool + " on " + f, e);
    }
  }
}
