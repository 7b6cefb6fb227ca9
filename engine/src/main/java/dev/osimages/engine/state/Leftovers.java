package dev.osimages.engine.state;

import dev.osimages.engine.host.LayerView;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what an engine killed without warning (SIGKILL, a power cut) left in the state directory:
 * read-only views still mounted, everything in {@code tmp/} (step work, mount points, unpacked
 * results), half-made bases, downloads and cache directories ({@code .tmp-*}), the replaced entries
 * of {@code --no-cache} ({@code .old-*}) and half-written small files ({@code .NAME.*.tmp}). Also
 * the flattened results older engines kept in {@code images/}, which nothing reads any more. Runs
 * when a command takes the state lock, so no other engine is at work there.
 */
public final class Leftovers {
  private Leftovers() {}

  /** Sweeps {@code state}; returns what it removed (mounts first). */
  public static List<Path> sweep(StateDir state) {
    if (!Files.isDirectory(state.root())) {
      return List.of();
    }
    List<Path> removed = new ArrayList<>(LayerView.sweep(state.tmp()));
    for (Path p : children(state.tmp())) {
      remove(p, removed);
    }
    remove(state.root().resolve("images"), removed);
    for (Path dir : structure(state)) {
      for (Path p : children(dir)) {
        String n = p.getFileName().toString();
        if (n.startsWith(".tmp-")
            || n.startsWith(".old-")
            || (n.startsWith(".") && n.endsWith(".tmp"))) {
          remove(p, removed);
        }
      }
    }
    return removed;
  }

  /** The directories that hold entries and small files, never an entry's own content. */
  private static List<Path> structure(StateDir state) {
    List<Path> dirs = new ArrayList<>();
    Path root = state.root();
    dirs.add(root);
    for (String d :
        List.of("layers", "bases", "downloads", "downloads/urls", "cache-mounts", "checked")) {
      dirs.add(root.resolve(d));
    }
    dirs.addAll(children(root.resolve("cache-mounts")));
    dirs.addAll(tree(root.resolve("registry")));
    dirs.addAll(tree(root.resolve("rendered")));
    dirs.addAll(tree(root.resolve("logs")));
    return dirs;
  }

  private static void remove(Path p, List<Path> removed) {
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      Trees.delete(p);
      removed.add(p);
    }
  }

  private static List<Path> children(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** {@code dir} and the directories below it (small trees: rendered files, logs, blob index). */
  private static List<Path> tree(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
