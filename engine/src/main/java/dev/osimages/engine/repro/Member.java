package dev.osimages.engine.repro;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one tarball member is, as far as a rebuild must reproduce it: every header field and the
 * digests of its content and extended attributes.
 *
 * @param path the member's name ("./etc/passwd")
 * @param type file, directory, symlink, hardlink, device or fifo (lower case)
 * @param owner "uid:gid (uname:gname)"
 * @param contentSha256 sha256 of a regular file's content, "" otherwise
 * @param link a symlink's or hard link's target, a device's "major,minor", "" otherwise
 * @param xattrs extended attributes, name to sha256 of the value
 */
public record Member(
    String path,
    String type,
    int mode,
    String owner,
    long size,
    String contentSha256,
    String link,
    Map<String, String> xattrs,
    long mtime) {
  public Member {
    xattrs = Map.copyOf(xattrs);
  }

  /** The fields in which {@code other} differs, each as "field: this -> other". */
  public List<String> differences(Member other) {
    List<String> d = new ArrayList<>();
    diff(d, "type", type, other.type);
    if (mode != other.mode) {
      d.add(String.format("mode: %04o -> %04o", mode, other.mode));
    }
    diff(d, "owner", owner, other.owner);
    if (size != other.size) {
      d.add("size: " + size + " -> " + other.size);
    }
    if (!contentSha256.equals(other.contentSha256)) {
      d.add("content: sha256 " + abbrev(contentSha256) + " -> " + abbrev(other.contentSha256));
    }
    diff(d, "link", link, other.link);
    if (!xattrs.equals(other.xattrs)) {
      d.add(
          "xattrs: "
              + new java.util.TreeMap<>(xattrs).keySet()
              + " -> "
              + new java.util.TreeMap<>(other.xattrs).keySet()
              + " (names or values differ)");
    }
    if (mtime != other.mtime) {
      d.add("mtime: " + mtime + " -> " + other.mtime);
    }
    return d;
  }

  /** True when only the content of a regular file differs (diffoscope can explain it). */
  public boolean contentDiffers(Member other) {
    return type.equals("file")
        && other.type.equals("file")
        && !Objects.equals(contentSha256, other.contentSha256);
  }

  private static void diff(List<String> d, String field, String a, String b) {
    if (!a.equals(b)) {
      d.add(field + ": " + (a.isEmpty() ? "(none)" : a) + " -> " + (b.isEmpty() ? "(none)" : b));
    }
  }

  private static String abbrev(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
