package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one new layer (an overlay upper directory) the way overlayfs would if the change were made
 * through a mount: parent directories are copied up with their attributes, replacing an entry
 * writes over it, deleting one leaves a whiteout. Paths given here are symlink-free image paths
 * from {@link LayerStack#resolve}, so nothing is ever written through an image symlink.
 */
final class ImageWriter {
  private final Path upper;
  private final LayerStack lowers;
  private final LayerStack merged;

  /** A writer of {@code upper} above {@code lowerLayers} (bottom first). */
  ImageWriter(Path upper, List<Path> lowerLayers) {
    this.upper = upper;
    this.lowers = new LayerStack(lowerLayers);
    List<Path> all = new ArrayList<>(lowerLayers);
    all.add(upper);
    this.merged = new LayerStack(all);
  }

  /** The layer directory this writer fills. */
  Path upper() {
    return upper;
  }

  /** The merged view including what this writer has written so far. */
  LayerStack view() {
    return merged;
  }

  /** The upper directory's path for image path {@code rel}, with its parents copied up. */
  Path prepare(String rel) {
    String[] comps = rel.split("/");
    String prefix = "";
    for (int i = 0; i < comps.length - 1; i++) {
      prefix = prefix.isEmpty() ? comps[i] : prefix + "/" + comps[i];
      copyUpDir(prefix);
    }
    return upper.resolve(rel);
  }

  /** Makes {@code rel} a directory (copying it up if it exists below); returns the upper path. */
  Path directory(String rel, Attrs attrsIfNew) {
    Optional<Path> existing = merged.find(rel);
    if (existing.isPresent() && Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
      return copyUpDir(rel);
    }
    if (existing.isPresent()) {
      remove(rel);
    }
    Path p = prepare(rel);
    try {
      Files.createDirectory(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create /" + rel, e);
    }
    attrsIfNew.apply(p);
    return p;
  }

  /** Replaces whatever is at {@code rel} by a copy of the regular file or symlink {@code src}. */
  void file(String rel, Path src, Attrs attrs) {
    Optional<Path> existing = merged.find(rel);
    if (existing.isPresent() && Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("cannot replace directory /" + rel + " with a file");
    }
    Path p = prepare(rel);
    try {
      Files.deleteIfExists(p);
      if (Files.isSymbolicLink(src)) {
        Files.createSymbolicLink(p, Files.readSymbolicLink(src));
      } else if (Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
        Files.copy(src, p, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      } else {
        throw new IllegalArgumentException(
            "unsupported file type (device, fifo or socket): " + src);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write /" + rel, e);
    }
    attrs.apply(p);
  }

  /** Writes {@code content} to {@code rel} with the given attributes. */
  void content(String rel, byte[] content, Attrs attrs) {
    Path p = prepare(rel);
    try {
      Files.deleteIfExists(p);
      Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write /" + rel, e);
    }
    attrs.apply(p);
  }

  /** Deletes {@code rel} from the merged view: drops it from upper, whites it out below. */
  void remove(String rel) {
    Path p = prepare(rel);
    Trees.delete(p);
    if (lowers.find(rel).isPresent()) {
      HostCommand.output(List.of("mknod", p.toString(), "c", "0", "0"));
    }
  }

  private Path copyUpDir(String rel) {
    Path p = upper.resolve(rel);
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return p;
    }
    Optional<Path> below = lowers.find(rel);
    if (below.isPresent() && !Files.isDirectory(below.get(), LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("/" + rel + " exists in the image and is not a directory");
    }
    try {
      Files.createDirectories(p);
      if (below.isPresent()) {
        Attrs.of(below.get()).apply(p);
      } else {
        Attrs.ROOT_DIR.apply(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create /" + rel, e);
    }
    return p;
  }

  /** Owner, mode and mtime to set on a written entry; empty fields keep what is there. */
  record Attrs(
      Optional<Integer> uid,
      Optional<Integer> gid,
      Optional<Integer> mode,
      Optional<FileTime> mtime) {
    static final Attrs KEEP =
        new Attrs(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    static final Attrs ROOT_DIR =
        new Attrs(Optional.of(0), Optional.of(0), Optional.of(0755), Optional.empty());

    /** The attributes of an existing entry. */
    static Attrs of(Path p) {
      try {
        Map<String, Object> a =
            Files.readAttributes(
                p, "unix:uid,gid,mode,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        return new Attrs(
            Optional.of((Integer) a.get("uid")),
            Optional.of((Integer) a.get("gid")),
            Optional.of(((Integer) a.get("mode")) & 07777),
            Optional.of((FileTime) a.get("lastModifiedTime")));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read attributes of " + p, e);
      }
    }

    Attrs withOwner(int u, int g) {
      return new Attrs(Optional.of(u), Optional.of(g), mode, mtime);
    }

    Attrs withMode(Optional<Integer> m) {
      return m.isPresent() ? new Attrs(uid, gid, m, mtime) : this;
    }

    void apply(Path p) {
      try {
        if (uid.isPresent()) {
          Files.setAttribute(p, "unix:uid", uid.get(), LinkOption.NOFOLLOW_LINKS);
        }
        if (gid.isPresent()) {
          Files.setAttribute(p, "unix:gid", gid.get(), LinkOption.NOFOLLOW_LINKS);
        }
        boolean link = Files.isSymbolicLink(p);
        if (mode.isPresent() && !link) {
          // After chown: the kernel clears setuid/setgid bits on chown, so mode comes last.
          Files.setAttribute(p, "unix:mode", mode.get(), LinkOption.NOFOLLOW_LINKS);
        }
        if (mtime.isPresent() && !link) {
          Files.setLastModifiedTime(p, mtime.get());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot set attributes of " + p, e);
      }
    }
  }
}
