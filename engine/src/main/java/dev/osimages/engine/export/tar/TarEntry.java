package dev.osimages.engine.export.tar;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One member of an image tarball, independent of the tar library: what the exporter read from a
 * root filesystem or from an incoming tar stream, with its xattrs as raw bytes (capabilities are
 * binary and must not go through a character set).
 *
 * @param name path inside the image, "./etc/passwd" style; directories end with "/"
 * @param type what kind of member this is
 * @param mode permission bits including setuid, setgid and sticky (07777)
 * @param mtime modification time, whole seconds since the epoch
 * @param size content size for regular files, 0 otherwise
 * @param linkTarget symlink target, or the first name of a hard-linked file; "" otherwise
 * @param xattrs extended attributes by full name ("security.capability"), sorted
 */
public record TarEntry(
    String name,
    Type type,
    int mode,
    long uid,
    long gid,
    String uname,
    String gname,
    long mtime,
    long size,
    String linkTarget,
    int devMajor,
    int devMinor,
    Map<String, byte[]> xattrs) {

  /** The member kinds an image can hold (sockets cannot be archived and are skipped). */
  public enum Type {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK,
    CHAR_DEVICE,
    BLOCK_DEVICE,
    FIFO
  }

  public TarEntry {
    xattrs = Collections.unmodifiableMap(new TreeMap<>(xattrs));
    uname = uname == null ? "" : uname;
    gname = gname == null ? "" : gname;
    linkTarget = linkTarget == null ? "" : linkTarget;
  }

  /** This entry with its mtime clamped to {@code epoch} (SOURCE_DATE_EPOCH semantics). */
  public TarEntry clampMtime(long epoch) {
    return mtime <= epoch ? this : withMtime(epoch);
  }

  /** This entry with another modification time. */
  public TarEntry withMtime(long seconds) {
    return copy(seconds, xattrs);
  }

  /** This entry with other extended attributes. */
  public TarEntry withXattrs(Map<String, byte[]> attributes) {
    return copy(mtime, attributes);
  }

  private TarEntry copy(long seconds, Map<String, byte[]> attributes) {
    return new TarEntry(
        name,
        type,
        mode,
        uid,
        gid,
        uname,
        gname,
        seconds,
        size,
        linkTarget,
        devMajor,
        devMinor,
        attributes);
  }

  /** This regular file with empty content (hygiene on a stream: an emptied machine-id). */
  public TarEntry emptied() {
    return new TarEntry(
        name, type, mode, uid, gid, uname, gname, mtime, 0, linkTarget, devMajor, devMinor, xattrs);
  }

  /** The image-absolute path ("/etc/passwd", "/" for the root), for exclude rules. */
  public String imagePath() {
    return TarNames.imagePath(name);
  }
}
