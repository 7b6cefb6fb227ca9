package dev.osimages.engine.builder.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The differences between the chroot backend's tree and BuildKit's, one line each, in path order:
 * {@code PATH: only in chroot (...)}, {@code PATH: only in buildkit (...)}, or {@code PATH: FIELD
 * chroot=A buildkit=B} for each field that differs.
 */
final class TreeDiff {
  private TreeDiff() {}

  static List<String> of(TreeListing chroot, TreeListing buildkit) {
    TreeSet<String> paths = new TreeSet<>(chroot.members().keySet());
    paths.addAll(buildkit.members().keySet());
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      TreeListing.Member a = chroot.members().get(p);
      TreeListing.Member b = buildkit.members().get(p);
      if (b == null) {
        out.add(p + ": only in chroot (" + TreeListing.describe(a) + ")");
      } else if (a == null) {
        out.add(p + ": only in buildkit (" + TreeListing.describe(b) + ")");
      } else {
        field(out, p, "type", a, b, TreeListing.Member::type);
        field(out, p, "owner", a, b, m -> m.uid() + ":" + m.gid());
        field(out, p, "mode", a, b, m -> String.format("%04o", m.mode()));
        field(out, p, "size", a, b, TreeListing.Member::size);
        field(out, p, "digest", a, b, TreeListing.Member::digest);
        field(out, p, "link", a, b, TreeListing.Member::linkTarget);
        field(out, p, "device", a, b, TreeListing.Member::device);
        field(out, p, "xattrs", a, b, TreeListing.Member::xattrs);
        field(out, p, "hardlinks", a, b, TreeListing.Member::hardLinks);
      }
    }
    return out;
  }

  private static void field(
      List<String> out,
      String path,
      String name,
      TreeListing.Member a,
      TreeListing.Member b,
      Function<TreeListing.Member, Object> get) {
    Object x = get.apply(a);
    Object y = get.apply(b);
    if (!Objects.equals(x, y)) {
      out.add(path + ": " + name + " chroot=" + x + " buildkit=" + y);
    }
  }
}
