package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.state.StateDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a stack of layers into one plain root filesystem under {@code images/<id>/rootfs}, keyed by
 * the last step's cache key, so a fully cached rebuild reuses it without copying. The kernel does
 * the merging (a read-only overlay mounted inside a private mount namespace, whiteouts and opaque
 * directories honoured exactly as at build time) and {@code cp -a} copies the merged view, keeping
 * owners, modes, times, hard links and extended attributes such as file capabilities.
 */
final class Flattener {
  private static final String SCRIPT =
      """
      set -eu
      mount -t overlay overlay -o "ro,userxattr,lowerdir=$1" "$2"
      cp -a "$2"/. "$3"/
      """;
  private final StateDir state;

  Flattener(StateDir state) {
    this.state = state;
  }

  /** True when the root filesystem of {@code key} is already flattened. */
  boolean cached(String key) {
    return Files.isDirectory(dir(key).resolve("rootfs"));
  }

  /** The flattened root filesystem of {@code key}; made now unless cached (or {@code redo}). */
  Path flatten(String key, List<Path> layers, boolean redo, Consumer<String> lines) {
    Path dir = dir(key);
    if (!redo && cached(key)) {
      touch(dir);
      return dir.resolve("rootfs");
    }
    Path work;
    try {
      Files.createDirectories(state.tmp());
      work = Files.createTempDirectory(state.tmp(), "flatten-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory in " + state.tmp(), e);
    }
    HostCommand.Cleanup cleanup = HostCommand.atShutdown(() -> Trees.delete(work));
    try {
      Path rootfs = Files.createDirectory(work.resolve("rootfs"));
      Path mnt = Files.createDirectory(work.resolve("mnt"));
      Path empty = Files.createDirectory(work.resolve("empty"));
      List<String> lowers = new ArrayList<>();
      for (int i = layers.size() - 1; i >= 0; i--) {
        lowers.add(rel(layers.get(i)));
      }
      lowers.add(rel(empty));
      List<String> cmd =
          HostCommand.inPrivateMounts(
              List.of(
                  "sh",
                  "-c",
                  SCRIPT,
                  "engine-flatten",
                  String.join(":", lowers),
                  rel(mnt),
                  rel(rootfs)));
      HostCommand.Result r = HostCommand.run(cmd, state.root(), Map.of(), lines);
      if (!r.ok()) {
        throw new IllegalStateException("flattening failed: " + String.join("\n", r.tail()));
      }
      Trees.delete(mnt);
      Trees.delete(empty);
      Files.writeString(
          work.resolve("meta.properties"), "key=" + key + "\n", StandardCharsets.UTF_8);
      if (redo) {
        Trees.replace(work, dir);
      } else {
        Trees.publish(work, dir);
      }
      return dir.resolve("rootfs");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flatten into " + work, e);
    } finally {
      cleanup.run();
    }
  }

  private Path dir(String key) {
    return state.images().resolve(LayerStore.id(key));
  }

  private String rel(Path p) {
    Path a = p.toAbsolutePath();
    return a.startsWith(state.root()) ? state.root().relativize(a).toString() : a.toString();
  }

  private static void touch(Path dir) {
    try {
      Files.setLastModifiedTime(
          dir.resolve("meta.properties"),
          java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
    } catch (IOException e) {
      // Last use only guides pruning.
    }
  }
}
