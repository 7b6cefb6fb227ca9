package dev.osimages.engine.builder.chroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves user specs against the image's own {@code /etc/passwd} and {@code /etc/group} (read
 * through the layers, never the host's), with the two rules BuildKit has: the user a RUN runs as
 * ({@link #resolve}, runc's lookup: a name must exist, a number need not, a user without a group
 * gets the primary group of its passwd entry, else 0), and the owner of what COPY, ADD and WORKDIR
 * create ({@link #owner}, BuildKit's file operations: a number or {@code root} is taken as is and a
 * lone uid is also the gid, a name is looked up). A name the image does not know is refused in
 * both, where BuildKit's file operations silently use 0.
 */
final class Users {
  /** A resolved identity and the home directory Docker would set for it. */
  record Identity(int uid, int gid, String home) {
    static final Identity ROOT = new Identity(0, 0, "/root");
  }

  private final LayerStack image;

  Users(LayerStack image) {
    this.image = image;
  }

  /** Resolves "user[:group]"; throws IllegalArgumentException naming what was not found. */
  Identity resolve(String spec) {
    String[] p = spec.split(":", 2);
    String user = p[0];
    Optional<String[]> pw = entry("etc/passwd", user, 2);
    int uid;
    int gid;
    String home;
    if (pw.isPresent()) {
      uid = Integer.parseInt(pw.get()[2]);
      gid = Integer.parseInt(pw.get()[3]);
      home = pw.get().length > 5 ? pw.get()[5] : "/";
    } else if (user.matches("[0-9]+")) {
      uid = Integer.parseInt(user);
      gid = 0;
      home = "/";
    } else {
      throw new IllegalArgumentException(
          "unable to find user " + user + " in the image's /etc/passwd");
    }
    if (p.length == 2) {
      gid = group(p[1]);
    }
    return new Identity(uid, gid, home);
  }

  /** The owner "user[:group]" gives what COPY, ADD or WORKDIR creates (BuildKit's rules). */
  Identity owner(String spec) {
    String[] p = spec.split(":", 2);
    int uid;
    int gid;
    if (isId(p[0])) {
      uid = id(p[0]);
      gid = uid;
    } else if (p[0].isEmpty()) {
      // BuildKit looks up the empty name, finds nobody, and keeps 0: ":group" means root's.
      uid = 0;
      gid = 0;
    } else {
      String[] pw =
          byName("etc/passwd", p[0])
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unable to find user " + p[0] + " in the image's /etc/passwd"));
      uid = Integer.parseInt(pw[2]);
      gid = Integer.parseInt(pw[3]);
    }
    if (p.length == 2) {
      if (isId(p[1])) {
        gid = id(p[1]);
      } else {
        gid =
            Integer.parseInt(
                byName("etc/group", p[1])
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "unable to find group " + p[1] + " in the image's /etc/group"))[2]);
      }
    }
    return new Identity(uid, gid, "/");
  }

  private static boolean isId(String s) {
    return s.equals("root") || s.matches("[0-9]{1,10}");
  }

  private static int id(String s) {
    return s.equals("root") ? 0 : Integer.parseInt(s);
  }

  private Optional<String[]> byName(String file, String name) {
    return entry(file, name, 2).filter(f -> f[0].equals(name));
  }

  private int group(String group) {
    Optional<String[]> gr = entry("etc/group", group, 2);
    if (gr.isPresent()) {
      return Integer.parseInt(gr.get()[2]);
    }
    if (group.matches("[0-9]+")) {
      return Integer.parseInt(group);
    }
    throw new IllegalArgumentException(
        "unable to find group " + group + " in the image's /etc/group");
  }

  /** The colon-separated entry whose name (or, for numbers, id field) matches. */
  private Optional<String[]> entry(String file, String nameOrId, int idField) {
    String resolved = image.resolve(file, true);
    Optional<Path> f = image.find(resolved);
    if (f.isEmpty() || !Files.isRegularFile(f.get())) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(f.get(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /" + file + " of the image", e);
    }
    for (String line : lines) {
      String[] fields = line.split(":", -1);
      if (fields.length > idField && fields[0].equals(nameOrId)) {
        return Optional.of(fields);
      }
    }
    if (nameOrId.matches("[0-9]+")) {
      for (String line : lines) {
        String[] fields = line.split(":", -1);
        if (fields.length > idField + 1 && fields[idField].equals(nameOrId)) {
          return Optional.of(fields);
        }
      }
    }
    return Optional.empty();
  }
}
