package dev.osimages.engine.builder.chroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The merged view of overlay layers as the kernel would show it, computed without mounting: a path
 * is served by the topmost layer that has it, a 0/0 character device hides it, an opaque directory
 * ({@code user.overlay.opaque=y}) hides everything below it. Symlinks resolve inside the image
 * root, never on the host: this is how COPY destinations and WORKDIR stay inside.
 */
final class LayerStack {
  private static final int MAX_LINKS = 40;
  private final List<Path> topFirst;
  private final BiPredicate<String, Boolean> hidden;

  /** A view over {@code bottomFirst} layer directories. */
  LayerStack(List<Path> bottomFirst) {
    this(bottomFirst, null);
  }

  /**
   * A view over {@code bottomFirst} in which the paths {@code hidden} names (path, is a directory)
   * do not exist: a build context without what its {@code .dockerignore} leaves out.
   */
  LayerStack(List<Path> bottomFirst, BiPredicate<String, Boolean> hidden) {
    List<Path> l = new ArrayList<>(bottomFirst);
    java.util.Collections.reverse(l);
    this.topFirst = List.copyOf(l);
    this.hidden = hidden;
  }

  /** The real entry serving {@code rel}, unless it is hidden. */
  Optional<Path> find(String rel) {
    Optional<Path> f = lookup(rel);
    if (hidden != null
        && f.isPresent()
        && !rel.isEmpty()
        && hidden.test(rel, Files.isDirectory(f.get(), LinkOption.NOFOLLOW_LINKS))) {
      return Optional.empty();
    }
    return f;
  }

  /** The real entry serving the symlink-free image path {@code rel} ("" is the root). */
  private Optional<Path> lookup(String rel) {
    if (rel.isEmpty()) {
      return topFirst.isEmpty() ? Optional.empty() : Optional.of(topFirst.get(0));
    }
    String[] comps = rel.split("/");
    for (int l = 0; l < topFirst.size(); l++) {
      Path layer = topFirst.get(l);
      boolean last = l == topFirst.size() - 1;
      Path cur = layer;
      boolean opaque = false;
      boolean present = true;
      for (int i = 0; i < comps.length - 1 && present; i++) {
        cur = cur.resolve(comps[i]);
        int mode = mode(cur);
        if (mode == ABSENT) {
          present = false;
        } else if ((mode & 0170000) != 0040000) {
          // A whiteout or any other non-directory hides the path in this and every lower layer.
          return Optional.empty();
        } else if (!last) {
          opaque |= isOpaque(cur);
        }
      }
      if (present) {
        Path entry = layer.resolve(rel);
        int mode = mode(entry);
        if (mode != ABSENT) {
          return mode == WHITEOUT ? Optional.empty() : Optional.of(entry);
        }
      }
      if (opaque) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static final int ABSENT = -1;
  private static final int WHITEOUT = -2;

  /** The entry's mode, {@link #ABSENT}, or {@link #WHITEOUT} for a 0/0 character device. */
  private static int mode(Path p) {
    try {
      Map<String, Object> a = Files.readAttributes(p, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      return (mode & 0170000) == 0020000 && (Long) a.get("rdev") == 0 ? WHITEOUT : mode;
    } catch (IOException e) {
      return ABSENT;
    }
  }

  /**
   * What serves the symlink-free path {@code rel}: for a directory, that directory in every layer
   * that contributes to the merged one (down to an opaque directory or a non-directory), bottom
   * first; for anything else, the one entry {@link #find} gives.
   */
  List<Path> all(String rel) {
    Optional<Path> top = find(rel);
    if (top.isEmpty() || !Files.isDirectory(top.get(), LinkOption.NOFOLLOW_LINKS)) {
      return top.map(List::of).orElse(List.of());
    }
    List<Path> dirs = new ArrayList<>();
    for (Path layer : topFirst) {
      Path p = rel.isEmpty() ? layer : layer.resolve(rel);
      int mode = mode(p);
      if (mode == ABSENT) {
        continue;
      }
      if ((mode & 0170000) != 0040000) {
        break;
      }
      dirs.add(0, p);
      if (isOpaque(p)) {
        break;
      }
    }
    return dirs;
  }

  /**
   * Resolves {@code path} (absolute or relative to the root) to a symlink-free image path,
   * following links inside the image; {@code ..} stops at the root, absolute targets restart at the
   * image root. The last component is followed only when {@code followLast}.
   */
  String resolve(String path, boolean followLast) {
    Deque<String> todo = new ArrayDeque<>(Arrays.asList(path.split("/")));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.removeFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      String cand = done.isEmpty() ? c : String.join("/", done) + "/" + c;
      Optional<Path> f = find(cand);
      if (f.isPresent() && Files.isSymbolicLink(f.get()) && (!todo.isEmpty() || followLast)) {
        if (++links > MAX_LINKS) {
          throw new IllegalArgumentException("too many levels of symbolic links: /" + path);
        }
        String target = readLink(f.get());
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> t = Arrays.asList(target.split("/"));
        for (int i = t.size() - 1; i >= 0; i--) {
          todo.addFirst(t.get(i));
        }
      } else {
        done.add(c);
      }
    }
    return String.join("/", done);
  }

  /** The merged child names of the symlink-free directory {@code rel}, sorted. */
  List<String> list(String rel) {
    Set<String> whitedOut = new HashSet<>();
    TreeSet<String> names = new TreeSet<>();
    String[] comps = rel.isEmpty() ? new String[0] : rel.split("/");
    for (Path layer : topFirst) {
      Path cur = layer;
      boolean opaque = false;
      boolean present = true;
      for (int i = 0; i < comps.length && present; i++) {
        cur = cur.resolve(comps[i]);
        if (!Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
          present = false;
        } else if (isWhiteout(cur) || !Files.isDirectory(cur, LinkOption.NOFOLLOW_LINKS)) {
          return visible(rel, names);
        } else {
          opaque |= isOpaque(cur);
        }
      }
      if (present) {
        try (Stream<Path> s = Files.list(cur)) {
          for (Path p : (Iterable<Path>) s::iterator) {
            String n = p.getFileName().toString();
            if (!whitedOut.contains(n) && !names.contains(n)) {
              if (isWhiteout(p)) {
                whitedOut.add(n);
              } else {
                names.add(n);
              }
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + cur, e);
        }
      }
      if (opaque) {
        break;
      }
    }
    return visible(rel, names);
  }

  private List<String> visible(String rel, Set<String> names) {
    if (hidden == null) {
      return List.copyOf(names);
    }
    String prefix = rel.isEmpty() ? "" : rel + "/";
    return names.stream().filter(n -> find(prefix + n).isPresent()).toList();
  }

  /** True for an overlayfs whiteout: a character device with device number 0/0. */
  static boolean isWhiteout(Path p) {
    return mode(p) == WHITEOUT;
  }

  /** True for a directory marked opaque with overlayfs's {@code userxattr} attribute. */
  static boolean isOpaque(Path dir) {
    try {
      UserDefinedFileAttributeView v =
          Files.getFileAttributeView(
              dir, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (!v.list().contains("overlay.opaque")) {
        return false;
      }
      ByteBuffer b = ByteBuffer.allocate(v.size("overlay.opaque"));
      v.read("overlay.opaque", b);
      return new String(b.array(), StandardCharsets.US_ASCII).startsWith("y");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static String readLink(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read link " + p, e);
    }
  }
}
