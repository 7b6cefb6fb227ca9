package dev.osimages.engine.verify.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a file of an image given as layers (top first), as the system under test would see it:
 * symbolic links are followed inside the image (an absolute link starts again at the image's root,
 * {@code ..} stops at it), an overlayfs whiteout in an upper layer hides the name below, and a
 * layer is only consulted where every directory on the way is a real directory in that layer, so
 * nothing on the host is ever read.
 */
public final class LayeredFiles {
  private static final int MAX_LINKS = 40;

  private final List<Path> layers;

  /** The image's layers, top first. */
  public LayeredFiles(List<Path> layers) {
    this.layers = List.copyOf(layers);
  }

  /** The content of {@code absolutePath} in the image. */
  public String read(String absolutePath) throws IOException {
    Path p = resolve(absolutePath);
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(absolutePath + ": not a regular file in the image");
    }
    return Files.readString(p);
  }

  /** The host path of the layer entry an image path leads to. */
  Path resolve(String absolutePath) throws IOException {
    Deque<String> todo = new ArrayDeque<>(names(absolutePath));
    List<String> at = new ArrayList<>();
    Path found = null;
    int links = 0;
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (name.equals("..")) {
        if (!at.isEmpty()) {
          at.remove(at.size() - 1);
        }
        continue;
      }
      at.add(name);
      found = lookup(at);
      if (found == null) {
        throw new NoSuchFileException(absolutePath);
      }
      if (Files.isSymbolicLink(found)) {
        if (++links > MAX_LINKS) {
          throw new IOException(absolutePath + ": too many levels of symbolic links");
        }
        String target = Files.readSymbolicLink(found).toString();
        at.remove(at.size() - 1);
        if (target.startsWith("/")) {
          at.clear();
        }
        List<String> more = names(target);
        for (int i = more.size() - 1; i >= 0; i--) {
          todo.push(more.get(i));
        }
        found = null;
      }
    }
    if (found == null) {
      throw new IOException(absolutePath + ": not a file");
    }
    return found;
  }

  /** The topmost layer's entry for these names, or null (absent or whited out). */
  private Path lookup(List<String> names) throws IOException {
    for (Path layer : layers) {
      Path p = layer;
      boolean reachable = true;
      for (int i = 0; i < names.size() - 1 && reachable; i++) {
        p = p.resolve(names.get(i));
        reachable = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
      }
      if (!reachable) {
        continue;
      }
      p = p.resolve(names.get(names.size() - 1));
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      return whiteout(p) ? null : p;
    }
    return null;
  }

  /** overlayfs marks a deleted name in an upper layer with a 0/0 character device. */
  private static boolean whiteout(Path p) throws IOException {
    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
        || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
        || Files.isSymbolicLink(p)) {
      return false;
    }
    Object rdev = Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
    Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    boolean charDevice = (((Integer) mode) & 0170000) == 0020000;
    return charDevice && ((Number) rdev).longValue() == 0;
  }

  private static List<String> names(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty() && !s.equals(".")) {
        out.add(s);
      }
    }
    return out;
  }
}
