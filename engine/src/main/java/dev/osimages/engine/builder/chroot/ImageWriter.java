package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one new layer (an overlay upper directory) the way overlayfs would if the change were made
 * through a mount: an existing directory is copied up with its attributes (and those of every
 * parent) before anything is written into it, replacing an entry writes over it, deleting one
 * leaves a whiteout. Paths given here are symlink-free image paths from {@link LayerStack#resolve},
 * so nothing is ever written through an image symlink.
 */
final class ImageWriter {
  private static final String OVERLAY_XATTR = "overlay.";
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

  /**
   * Creates every missing directory of {@code rel} with {@code created}; existing ones are left as
   * they are (and must be directories), as BuildKit's {@code MkdirAll} does.
   */
  void mkdirs(String rel, Attrs created) {
    if (rel.isEmpty()) {
      return;
    }
    String prefix = "";
    for (String c : rel.split("/")) {
      prefix = prefix.isEmpty() ? c : prefix + "/" + c;
      Optional<Path> e = merged.find(prefix);
      if (e.isEmpty()) {
        directory(prefix, created);
      } else if (!Files.isDirectory(e.get(), LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalArgumentException(
            "/" + prefix + " exists in the image and is not a directory");
      }
    }
  }

  /** Makes {@code rel} a directory (copying it up if it exists below); returns the upper path. */
  Path directory(String rel, Attrs attrsIfNew) {
    Optional<Path> existing = merged.find(rel);
    if (existing.isPresent() && Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
      return copyUpDir(rel);
    }
    Path p = prepare(rel);
    boolean hidesBelow = clear(p);
    try {
      Files.createDirectory(p);
      if (hidesBelow) {
        // It replaces a directory this layer deleted: nothing below may show through.
        Files.getFileAttributeView(p, UserDefinedFileAttributeView.class)
            .write("overlay.opaque", ByteBuffer.wrap(new byte[] {'y'}));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create /" + rel, e);
    }
    attrsIfNew.apply(p);
    return p;
  }

  /** Copies an existing entry up (a directory without its contents) and sets {@code attrs}. */
  Path apply(String rel, Attrs attrs) {
    Path p = directory(rel, attrs);
    attrs.apply(p);
    return p;
  }

  /**
   * Replaces the non-directory at {@code rel} (if any) by a copy of the regular file {@code src}:
   * content, then {@code attrs}, then extended attributes: all of them ({@code allXattrs}, for
   * sources whose attributes are kept) or the {@code user.} ones (a build context's).
   */
  void file(String rel, Path src, boolean allXattrs, Attrs attrs) {
    Path p = replaceable(rel);
    try {
      if (allXattrs) {
        Files.copy(src, p, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      } else {
        Files.copy(src, p, LinkOption.NOFOLLOW_LINKS);
        copyUserXattrs(src, p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write /" + rel, e);
    }
    attrs.apply(p);
  }

  /** Replaces the non-directory at {@code rel} (if any) by a symlink to {@code target}. */
  void symlink(String rel, Path target, Attrs attrs) {
    Path p = replaceable(rel);
    try {
      Files.createSymbolicLink(p, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write /" + rel, e);
    }
    attrs.apply(p);
  }

  /** Makes {@code rel} a hard link to {@code existing}, an entry this writer wrote. */
  void hardLink(String rel, String existing) {
    Path p = replaceable(rel);
    try {
      Files.createLink(p, upper.resolve(existing));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link /" + rel + " to /" + existing, e);
    }
  }

  /** Replaces the non-directory at {@code rel} by a copy of the device, fifo or socket node. */
  void special(String rel, Path src, Attrs attrs) {
    Path p = replaceable(rel);
    HostCommand.output(List.of("cp", "-a", "--no-dereference", src.toString(), p.toString()));
    attrs.apply(p);
  }

  /**
   * Moves {@code from} (on the layer's filesystem, e.g. extracted from an archive) to {@code rel},
   * replacing whatever is there, a directory included, as unpacking an archive does.
   */
  void move(String rel, Path from) {
    Path p = prepare(rel);
    clear(p);
    try {
      Files.move(from, p, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write /" + rel, e);
    }
  }

  /** Writes {@code content} to {@code rel} with the given attributes. */
  void content(String rel, byte[] content, Attrs attrs) {
    Path p = replaceable(rel);
    try {
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

  /** The upper path for a new non-directory at {@code rel}; a directory there is an error. */
  private Path replaceable(String rel) {
    Optional<Path> existing = merged.find(rel);
    if (existing.isPresent() && Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("cannot replace directory /" + rel + " with a file");
    }
    Path p = prepare(rel);
    clear(p);
    return p;
  }

  /** Removes what this layer has at {@code p}; true if that was a whiteout. */
  private static boolean clear(Path p) {
    boolean whiteout = Files.exists(p, LinkOption.NOFOLLOW_LINKS) && LayerStack.isWhiteout(p);
    Trees.delete(p);
    return whiteout;
  }

  private Path copyUpDir(String rel) {
    Path p = upper.resolve(rel);
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return p;
    }
    int slash = rel.lastIndexOf('/');
    if (slash > 0) {
      copyUpDir(rel.substring(0, slash));
    }
    Optional<Path> below = lowers.find(rel);
    if (below.isPresent() && !Files.isDirectory(below.get(), LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("/" + rel + " exists in the image and is not a directory");
    }
    try {
      if (below.isPresent()) {
        // Owner, mode, times and extended attributes, as overlayfs copies a directory up; the
        // overlay's own markers (an opaque flag below) must not come along.
        Files.copy(below.get(), p, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        UserDefinedFileAttributeView v =
            Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
        for (String n : v.list()) {
          if (n.startsWith(OVERLAY_XATTR)) {
            v.delete(n);
          }
        }
      } else {
        Files.createDirectory(p);
        Attrs.ROOT_DIR.apply(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create /" + rel, e);
    }
    return p;
  }

  /** Copies the {@code user.} extended attributes of {@code src} (not a symlink) to {@code dst}. */
  static void copyUserXattrs(Path src, Path dst) throws IOException {
    if (Files.isSymbolicLink(src)) {
      return;
    }
    UserDefinedFileAttributeView from =
        Files.getFileAttributeView(src, UserDefinedFileAttributeView.class);
    UserDefinedFileAttributeView to =
        Files.getFileAttributeView(dst, UserDefinedFileAttributeView.class);
    for (String n : from.list()) {
      ByteBuffer b = ByteBuffer.allocate(from.size(n));
      from.read(n, b);
      b.flip();
      to.write(n, b);
    }
  }

  /** Owner, mode and mtime to set on a written entry; empty fields keep what is there. */
  record Attrs(
      Optional<Integer> uid,
      Optional<Integer> gid,
      Optional<Integer> mode,
      Optional<FileTime> mtime) {
    static final Attrs KEEP =
        new Attrs(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    static final Attrs ROOT_DIR = dir(0, 0);

    /** A directory BuildKit creates: 0755, owned by {@code uid:gid}. */
    static Attrs dir(int uid, int gid) {
      return new Attrs(Optional.of(uid), Optional.of(gid), Optional.of(0755), Optional.empty());
    }

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

    /**
     * Sets the owner (only when it changes: a chown drops file capabilities), then the mode (the
     * kernel clears setuid/setgid bits on chown, so mode comes after it), then the times.
     */
    void apply(Path p) {
      try {
        Map<String, Object> now =
            Files.readAttributes(p, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        if (uid.isPresent() && !uid.get().equals(now.get("uid"))) {
          Files.setAttribute(p, "unix:uid", uid.get(), LinkOption.NOFOLLOW_LINKS);
        }
        if (gid.isPresent() && !gid.get().equals(now.get("gid"))) {
          Files.setAttribute(p, "unix:gid", gid.get(), LinkOption.NOFOLLOW_LINKS);
        }
        boolean link = Files.isSymbolicLink(p);
        // Java opens the file to set a mode or times without following links, and opening a fifo
        // blocks: a device, fifo or socket gets its mode by path (it is no link) and keeps the
        // times it was made with.
        boolean special =
            !link
                && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        if (mode.isPresent() && !link) {
          if (special) {
            Files.setAttribute(p, "unix:mode", mode.get());
          } else {
            Files.setAttribute(p, "unix:mode", mode.get(), LinkOption.NOFOLLOW_LINKS);
          }
        }
        if (mtime.isPresent() && !special) {
          Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              .setTimes(mtime.get(), null, null);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot set attributes of " + p, e);
      }
    }
  }
}
