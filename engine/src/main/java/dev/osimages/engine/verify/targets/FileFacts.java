package dev.osimages.engine.verify.targets;

import dev.osimages.engine.verify.resource.FactException;

/** A file's values from its probe record: goss's mode "%04o", filetype names, owner names. */
final class FileFacts {
  private FileFacts() {}

  static Object actual(ProbeOutput out, int i, String key, String path) throws FactException {
    boolean exists = "1".equals(out.get(i, "exists"));
    if (key.equals("exists")) {
      return exists;
    }
    String[] st =
        exists && out.get(i, "stat") != null ? out.get(i, "stat").strip().split(" ") : null;
    if (st == null || st.length != 4) {
      throw new FactException("lstat " + path + ": no such file or directory");
    }
    int mode = Integer.parseInt(st[0], 16);
    return switch (key) {
      case "mode" -> String.format("%04o", mode & 07777);
      case "size" -> Long.parseLong(st[1]);
      case "uid" -> Long.parseLong(st[2]);
      case "gid" -> Long.parseLong(st[3]);
      case "owner" -> AccountFacts.userName(out, Long.parseLong(st[2]));
      case "group" -> AccountFacts.groupName(out, Long.parseLong(st[3]));
      case "filetype" -> filetype(mode);
      case "linked-to" -> {
        String l = out.get(i, "link");
        if (l == null) {
          throw new FactException("readlink " + path + ": invalid argument");
        }
        yield l;
      }
      default -> {
        String v = out.get(i, key);
        if (v == null) {
          throw new FactException("read " + path + ": is a directory or unreadable");
        }
        yield key.equals("contents") ? v : v.strip();
      }
    };
  }

  static String filetype(int mode) {
    return switch (mode & 0170000) {
      case 0140000 -> "socket";
      case 0120000 -> "symlink";
      case 060000 -> "block-device";
      case 040000 -> "directory";
      case 020000 -> "character-device";
      case 010000 -> "pipe";
      default -> "file";
    };
  }
}
