package dev.osimages.engine.export.tar;

/**
 * Member name conventions of image tarballs: members are "./"-relative like {@code tar -C root -cf
 * - .}, directories end with "/". Exclude rules see image-absolute paths instead.
 */
public final class TarNames {
  private TarNames() {}

  /** "./etc/" or "etc" or "/etc" to "/etc"; "./" to "/". */
  public static String imagePath(String member) {
    String p = member;
    if (p.startsWith("./")) {
      p = p.substring(1);
    } else if (p.equals(".")) {
      p = "/";
    } else if (!p.startsWith("/")) {
      p = "/" + p;
    }
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** "/etc" (a directory or not) to the member name "./etc/" or "./etc". */
  public static String member(String imagePath, boolean directory) {
    if (imagePath.equals("/")) {
      return "./";
    }
    return "." + imagePath + (directory ? "/" : "");
  }

  /**
   * Whether a member name stays inside the image root: no "..", no absolute path after
   * normalisation. Names from an incoming stream are checked with this before anything uses them.
   */
  public static boolean isContained(String member) {
    for (String part : member.split("/")) {
      if (part.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
