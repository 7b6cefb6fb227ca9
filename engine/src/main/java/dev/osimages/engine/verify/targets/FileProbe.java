package dev.osimages.engine.verify.targets;

import dev.osimages.engine.verify.resource.ResourceDecl;

/** The shell snippet gathering a file's facts: lstat, link target, contents and digests. */
final class FileProbe {
  private FileProbe() {}

  static String snippet(int i, String q, ResourceDecl r) {
    StringBuilder s = new StringBuilder();
    s.append("p=")
        .append(q)
        .append("\nif [ -e \"$p\" ] || [ -L \"$p\" ]; then r ")
        .append(i)
        .append(" exists 1; r ")
        .append(i)
        .append(" stat \"$(stat -c '%f %s %u %g' -- \"$p\")\"; [ -L \"$p\" ] && r ")
        .append(i)
        .append(" link \"$(readlink -- \"$p\")\"\n");
    if (r.attrs().get("contents") != null || r.attrs().get("contains") != null) {
      s.append("  if [ -f \"$p\" ] && [ -r \"$p\" ]; then rf ")
          .append(i)
          .append(" contents \"$p\"; fi\n");
    }
    for (String algo : new String[] {"md5", "sha256", "sha512"}) {
      if (r.attrs().get(algo) != null) {
        s.append("  [ -f \"$p\" ] && r ")
            .append(i)
            .append(' ')
            .append(algo)
            .append(" \"$(")
            .append(algo)
            .append("sum < \"$p\" | cut -d' ' -f1)\"\n");
      }
    }
    return s.append("else r ").append(i).append(" exists 0; fi\n").toString();
  }
}
