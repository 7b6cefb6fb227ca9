package dev.osimages.engine.builder.chroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code USER} and {@code --chown} specs against the image's own {@code /etc/passwd} and
 * {@code /etc/group} (read through the layers, never the host's), as Docker does: a name must
 * exist, a number need not, a user without a group gets its primary group (or 0 if unknown).
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
