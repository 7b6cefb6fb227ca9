package dev.osimages.engine.export.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Small text files of an image, looked up by their path in the image with symlinks resolved as the
 * image itself would (an absolute target starts again at the image's root, {@code ..} stops at it),
 * so {@code /etc/os-release -> ../usr/lib/os-release} and doc directories linked to another
 * package's are read, while no link can lead to a host file. Two sources: a directory tree, or the
 * members captured from a tar stream as it passed ({@link #captured()}).
 */
public abstract class ImageFiles {
  private static final int MAX_LINKS = 40;

  /**
   * The regular file or symlink at {@code path} (no link followed); empty for a directory or
   * nothing.
   */
  protected abstract Optional<Member> member(String path) throws IOException;

  /** A regular file's content or a symlink's target. */
  protected record Member(String content, String linkTarget) {}

  /** The content of the regular file at {@code imagePath}, links followed inside the image. */
  public Optional<String> read(String imagePath) throws IOException {
    Deque<String> todo = new ArrayDeque<>(parts(imagePath));
    Deque<String> done = new ArrayDeque<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pollFirst();
      if (part.equals("..")) {
        done.pollLast();
        continue;
      }
      done.addLast(part);
      Optional<Member> m = member("/" + String.join("/", done));
      if (m.isEmpty()) {
        if (todo.isEmpty()) {
          return Optional.empty();
        }
        continue; // a directory (or nothing: the lookup below it finds nothing either)
      }
      if (m.get().linkTarget() != null) {
        if (++links > MAX_LINKS) {
          return Optional.empty();
        }
        done.pollLast();
        String target = m.get().linkTarget();
        if (target.startsWith("/")) {
          done.clear();
        }
        var rest = new ArrayDeque<>(parts(target));
        rest.addAll(todo);
        todo = rest;
      } else if (todo.isEmpty()) {
        return Optional.of(m.get().content());
      }
    }
    return Optional.empty();
  }

  private static java.util.List<String> parts(String path) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty() && !p.equals(".")) {
        out.add(p);
      }
    }
    return out;
  }

  /** The files of the tree at {@code rootfs}. */
  public static ImageFiles of(Path rootfs) {
    return new ImageFiles() {
      @Override
      protected Optional<Member> member(String path) throws IOException {
        Path p = rootfs.resolve(path.substring(1));
        if (Files.isSymbolicLink(p)) {
          return Optional.of(new Member(null, Files.readSymbolicLink(p).toString()));
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of(new Member(Files.readString(p, StandardCharsets.UTF_8), null));
        }
        return Optional.empty();
      }
    };
  }

  /** Files kept from a tar stream; {@link Captured#file} and {@link Captured#link} fill it. */
  public static Captured captured() {
    return new Captured();
  }

  /** Members of a tar stream kept as they passed, by image path. */
  public static final class Captured extends ImageFiles {
    private final Map<String, Member> members = new HashMap<>();

    /** Keeps a regular file. */
    public void file(String imagePath, String content) {
      members.put(imagePath, new Member(content, null));
    }

    /** Keeps a symlink. */
    public void link(String imagePath, String target) {
      members.put(imagePath, new Member(null, target));
    }

    @Override
    protected Optional<Member> member(String path) {
      return Optional.ofNullable(members.get(path));
    }
  }
}
