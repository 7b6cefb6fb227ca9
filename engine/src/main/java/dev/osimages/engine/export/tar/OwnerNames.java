package dev.osimages.engine.export.tar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * User and group names by numeric id, from the image's own /etc/passwd and /etc/group: the host's
 * user database says nothing about the image (uid 101 is "systemd-network" in one and "messagebus"
 * in another). Symlinked or missing files give no names; tar then carries the numbers only.
 */
public final class OwnerNames {
  private final Map<Long, String> users;
  private final Map<Long, String> groups;

  private OwnerNames(Map<Long, String> users, Map<Long, String> groups) {
    this.users = users;
    this.groups = groups;
  }

  /** Reads the names from {@code rootfs}/etc; never follows a symlink out of the image. */
  public static OwnerNames of(Path rootfs) throws IOException {
    return new OwnerNames(
        read(rootfs.resolve("etc/passwd"), rootfs), read(rootfs.resolve("etc/group"), rootfs));
  }

  /** Names parsed from the text of passwd and group files (as captured from a tar stream). */
  public static OwnerNames parse(String passwd, String group) {
    return new OwnerNames(parseLines(passwd), parseLines(group));
  }

  public String user(long uid) {
    return users.getOrDefault(uid, "");
  }

  public String group(long gid) {
    return groups.getOrDefault(gid, "");
  }

  private static Map<Long, String> read(Path file, Path rootfs) throws IOException {
    if (!Files.isDirectory(rootfs.resolve("etc"), LinkOption.NOFOLLOW_LINKS)
        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Map.of();
    }
    return parseLines(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static Map<Long, String> parseLines(String text) {
    Map<Long, String> out = new HashMap<>();
    for (String line : List.of(text.split("\n"))) {
      String[] f = line.split(":", -1);
      if (f.length < 3 || f[0].isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        out.putIfAbsent(Long.parseLong(f[2].trim()), f[0]);
      } catch (NumberFormatException e) {
        // A malformed line names nobody; tar falls back to the number.
      }
    }
    return out;
  }
}
