package dev.osimages.engine.repro;

import dev.osimages.engine.host.Digests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two image tarballs: byte for byte first (their sha256), then, when they differ, member
 * by member (path, type, mode, owner, size, content digest, link target, xattrs, mtime), and the
 * order of members, which also decides the bytes.
 *
 * @param identical the two files are the same bytes
 * @param firstSha256 sha256 of the first tarball
 * @param secondSha256 sha256 of the second tarball
 * @param differences one entry per member that differs (empty when identical)
 * @param orderDiffers the same members appear in another order
 */
public record TarballComparison(
    boolean identical,
    String firstSha256,
    String secondSha256,
    List<Difference> differences,
    boolean orderDiffers) {
  public TarballComparison {
    differences = List.copyOf(differences);
  }

  /** How one member differs. */
  public enum Kind {
    ONLY_IN_FIRST,
    ONLY_IN_SECOND,
    CHANGED
  }

  /**
   * One differing member: its path, how it differs, and for a changed member the fields ("content:
   * sha256 a -> b", "mtime: 1 -> 2", ...). {@code content} is true when a regular file's bytes
   * differ (what diffoscope can explain).
   */
  public record Difference(String path, Kind kind, List<String> fields, boolean content) {
    public Difference {
      fields = List.copyOf(fields);
    }

    /** One line for a report. */
    public String describe() {
      return switch (kind) {
        case ONLY_IN_FIRST -> path + ": only in the first build";
        case ONLY_IN_SECOND -> path + ": only in the second build";
        case CHANGED -> path + ": " + String.join("; ", fields);
      };
    }
  }

  /** Compares the tarballs {@code first} and {@code second}. */
  public static TarballComparison of(Path first, Path second) {
    String a = Digests.ofFile(first);
    String b = Digests.ofFile(second);
    if (a.equals(b)) {
      return new TarballComparison(true, a, b, List.of(), false);
    }
    return of(a, b, TarballListing.of(first), TarballListing.of(second));
  }

  /** Compares two member listings of tarballs with the given digests. */
  static TarballComparison of(String a, String b, List<Member> first, List<Member> second) {
    Map<String, Member> right = new LinkedHashMap<>();
    second.forEach(m -> right.put(m.path(), m));
    List<Difference> diffs = new ArrayList<>();
    List<String> common = new ArrayList<>();
    for (Member m : first) {
      Member o = right.remove(m.path());
      if (o == null) {
        diffs.add(new Difference(m.path(), Kind.ONLY_IN_FIRST, List.of(), false));
        continue;
      }
      common.add(m.path());
      List<String> f = m.differences(o);
      if (!f.isEmpty()) {
        diffs.add(new Difference(m.path(), Kind.CHANGED, f, m.contentDiffers(o)));
      }
    }
    right
        .keySet()
        .forEach(p -> diffs.add(new Difference(p, Kind.ONLY_IN_SECOND, List.of(), false)));
    java.util.Set<String> shared = new java.util.HashSet<>(common);
    List<String> secondOrder = second.stream().map(Member::path).filter(shared::contains).toList();
    boolean order = !secondOrder.equals(common);
    return new TarballComparison(false, a, b, diffs, order);
  }
}
