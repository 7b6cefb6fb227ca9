package dev.osimages.engine.builder.chroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One source of a COPY or ADD copied the way BuildKit's copier does it. The destination's missing
 * parents are created 0755 and owned by {@code --chown} (else root); existing ones are never
 * touched. A directory source copies its contents: into a destination that does not exist yet (then
 * made 0755, not the source's mode), or merged into an existing one, whose own attributes stay;
 * directories below it that exist already take the source's owner, mode, times and attributes. A
 * file source lands inside an existing directory under its own name, else at the destination path.
 * Owners come from {@code --chown}, else from a stage source, else 0:0 (the context); {@code
 * --chmod} replaces the permission bits of everything copied. Hard links within the source stay
 * hard links. Extended attributes are set last, after the owner.
 */
final class TreeCopy {
  private final ImageWriter w;
  private final CopySource src;
  private final Optional<Users.Identity> chown;
  private final Optional<Integer> chmod;
  private final Map<Object, String> inodes = new HashMap<>();
  private FileCapabilities capabilities;

  TreeCopy(ImageWriter w, CopySource src, Optional<Users.Identity> chown, Optional<Integer> chmod) {
    this.w = w;
    this.src = src;
    this.chown = chown;
    this.chmod = chmod;
  }

  /** The attributes of a directory the copy creates on the way to the destination. */
  static ImageWriter.Attrs created(Optional<Users.Identity> chown) {
    return chown
        .map(i -> ImageWriter.Attrs.dir(i.uid(), i.gid()))
        .orElse(ImageWriter.Attrs.ROOT_DIR);
  }

  /**
   * Copies the source path {@code rel} (as matched, before following links) to the image path
   * {@code dest} (absolute; a trailing slash means a directory).
   */
  void copy(String rel, String dest) {
    LayerStack view = w.view();
    boolean dirDest = dest.endsWith("/") || dest.endsWith("/.");
    String clean = view.resolve(dest, false);
    w.mkdirs(view.resolve(dirDest ? clean : parent(clean), true), created(chown));
    String dst = view.resolve(clean, true);
    String followed = src.view().resolve(rel, true);
    Path s =
        src.view()
            .find(followed)
            .orElseThrow(
                () -> new IllegalArgumentException("/" + rel + " not found in " + src.describe()));
    boolean srcDir = isDir(s);
    Optional<Path> d = view.find(dst);
    if (!srcDir && d.isPresent() && isDir(d.get())) {
      String name = rel.substring(rel.lastIndexOf('/') + 1);
      dst = dst.isEmpty() ? name : dst + "/" + name;
    }
    w.mkdirs(srcDir && d.isEmpty() ? dst : parent(dst), created(chown));
    if (chown.isPresent() && src.isStage()) {
      capabilities = FileCapabilities.under(s);
    }
    entry(followed, s, dst, false);
  }

  private void entry(String rel, Path s, String dst, boolean overwrite) {
    Map<String, Object> st = stat(s);
    ImageWriter.Attrs attrs = attrs(st);
    int type = (Integer) st.get("mode") & 0170000;
    try {
      if (type == 0040000) {
        Optional<Path> existing = w.view().find(dst);
        if (existing.isPresent() && !isDir(existing.get())) {
          throw new IllegalArgumentException("cannot copy a directory to non-directory /" + dst);
        }
        Path p = w.directory(dst, attrs);
        for (String n : src.view().list(rel)) {
          String c = rel.isEmpty() ? n : rel + "/" + n;
          entry(c, src.view().find(c).orElseThrow(), dst.isEmpty() ? n : dst + "/" + n, true);
        }
        if (overwrite || existing.isEmpty()) {
          attrs.apply(p);
          ImageWriter.copyUserXattrs(s, p);
        }
      } else if (type == 0100000) {
        Object inode = (Integer) st.get("nlink") > 1 ? st.get("dev") + ":" + st.get("ino") : null;
        String first = inode == null ? null : inodes.putIfAbsent(inode, dst);
        if (first != null) {
          w.hardLink(dst, first);
        } else {
          w.file(dst, s, src.isStage(), attrs);
          if (capabilities != null) {
            capabilities.restore(s, w.upper().resolve(dst));
          }
        }
      } else if (type == 0120000) {
        w.symlink(dst, Files.readSymbolicLink(s), attrs);
      } else {
        w.special(dst, s, attrs);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + s + " to /" + dst, e);
    }
  }

  /** Owner (--chown, else the source's for a stage, else root), mode (--chmod bits), times. */
  private ImageWriter.Attrs attrs(Map<String, Object> st) {
    int mode = (Integer) st.get("mode") & 07777;
    if (chmod.isPresent()) {
      mode = (mode & ~0777) | (chmod.get() & 0777);
    }
    int uid = chown.map(Users.Identity::uid).orElse(src.isStage() ? (Integer) st.get("uid") : 0);
    int gid = chown.map(Users.Identity::gid).orElse(src.isStage() ? (Integer) st.get("gid") : 0);
    return new ImageWriter.Attrs(
        Optional.of(uid),
        Optional.of(gid),
        Optional.of(mode),
        Optional.of((FileTime) st.get("lastModifiedTime")));
  }

  private static Map<String, Object> stat(Path p) {
    try {
      return Files.readAttributes(
          p, "unix:mode,uid,gid,nlink,dev,ino,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  private static boolean isDir(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  static String parent(String rel) {
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? "" : rel.substring(0, slash);
  }
}
