package dev.osimages.engine.builder.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The differences between a backend's tree ({@code side}: chroot or docker) and BuildKit's, one
 * line each, in path order: {@code PATH: only in SIDE (...)}, {@code PATH: only in buildkit (...)},
 * or {@code PATH: FIELD SIDE=A buildkit=B} for each field that differs.
 */
final class TreeDiff {
  private TreeDiff() {}

  static List<String> of(String side, TreeListing chroot, TreeListing buildkit) {
    TreeSet<String> paths = new TreeSet<>(chroot.members().keySet());
    paths.addAll(buildkit.members().keySet());
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      TreeListing.Member a = chroot.members().get(p);
      TreeListing.Member b = buildkit.members().get(p);
      if (b == null) {
        out.add(p + ": only in " + side + " (" + TreeListing.describe(a) + ")");
      } else if (a == null) {
        out.add(p + ": only in buildkit (" + TreeListing.describe(b) + ")");
      } else {
        String pre = p + ": ";
        field(out, pre + "type " + side, a, b, TreeListing.Member::type);
        field(out, pre + "owner " + side, a, b, m -> m.uid() + ":" + m.gid());
        field(out, pre + "mode " + side, a, b, m -> String.format("%04o", m.mode()));
        field(out, pre + "size " + side, a, b, TreeListing.Member::size);
        field(out, pre + "digest " + side, a, b, TreeListing.Member::digest);
        field(out, pre + "link " + side, a, b, TreeListing.Member::linkTarget);
        field(out, pre + "device " + side, a, b, TreeListing.Member::device);
        field(out, pre + "xattrs " + side, a, b, TreeListing.Member::xattrs);
        field(out, pre + "hardlinks " + side, a, b, TreeListing.Member::hardLinks);
      }
    }
    return out;
  }

  private static void field(
      List<String> out,
      String head,
      TreeListing.Member a,
      TreeListing.Member b,
      Function<TreeListing.Member, Object> get) {
    Object x = get.apply(a);
    Object y = get.apply(b);
    if (!Objects.equals(x, y)) {
      out.add(head + "=" + x + " buildkit=" + y);
    }
  }
}
