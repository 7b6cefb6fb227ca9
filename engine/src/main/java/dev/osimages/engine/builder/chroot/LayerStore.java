package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.cache.CacheInventory;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.state.StateDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The step cache: one directory per cache key under {@code layers/}, holding the step's overlay
 * layer ({@code diff/}) and {@code meta.properties} (key, parent key, the layer directory it was
 * stacked on ({@code below}: for a stage's first step, the base's), step, created). The meta file's
 * modification time records the last use, which {@code cache prune} reads. Layers are published by
 * rename, so a half-made layer is never found.
 */
final class LayerStore {
  private final Path dir;
  private final Path tmp;

  LayerStore(StateDir state) {
    this.dir = state.layers();
    this.tmp = state.tmp();
  }

  /** A committed layer: its key, its diff directory and whether it changes nothing. */
  record Layer(String key, Path diff, boolean empty) {}

  /** The layer for {@code key}, marking it used now. */
  Optional<Layer> find(String key) {
    Path d = dir.resolve(id(key));
    Path meta = d.resolve("meta.properties");
    if (!Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    Properties p = read(meta);
    if (!key.equals(p.getProperty("key"))) {
      return Optional.empty();
    }
    try {
      Files.setLastModifiedTime(meta, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // The last-use time only guides pruning; a read-only cache still serves builds.
    }
    return Optional.of(
        new Layer(key, d.resolve("diff"), Boolean.parseBoolean(p.getProperty("empty"))));
  }

  /** A fresh work directory with an empty {@code diff/} (and {@code work/} for overlayfs). */
  Path newWork() {
    try {
      Files.createDirectories(tmp);
      Path w = Files.createTempDirectory(tmp, "step-");
      Files.createDirectory(w.resolve("diff"));
      Files.createDirectory(w.resolve("work"));
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create work directory in " + tmp, e);
    }
  }

  /**
   * Publishes {@code work/diff} as the layer for {@code key} (replacing an existing one when asked,
   * as {@code --no-cache} does); removes the rest of {@code work}.
   */
  Layer commit(
      Path work, String key, String parent, Optional<Path> below, String step, boolean replace) {
    try {
      Trees.delete(work.resolve("work"));
      Path merged = work.resolve("merged");
      Trees.delete(merged);
      Trees.delete(work.resolve("dns"));
      boolean empty;
      try (var s = Files.list(work.resolve("diff"))) {
        empty = s.findAny().isEmpty();
      }
      Properties p = new Properties();
      p.setProperty("key", key);
      p.setProperty("parent", parent);
      below.ifPresent(b -> p.setProperty("below", b.toString()));
      p.setProperty("step", step);
      p.setProperty("empty", Boolean.toString(empty));
      p.setProperty("created", Instant.now().toString());
      try (var w =
          Files.newBufferedWriter(work.resolve("meta.properties"), StandardCharsets.UTF_8)) {
        p.store(w, null);
      }
      Path target = dir.resolve(id(key));
      if (replace) {
        Trees.replace(work, target);
      } else {
        Trees.publish(work, target);
      }
      return new Layer(key, target.resolve("diff"), empty);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit layer " + key, e);
    }
  }

  /** The directory name of a key: short enough that many layers fit in a mount option. */
  static String id(String key) {
    return key.substring(0, 32);
  }

  static Properties read(Path meta) {
    return CacheInventory.read(meta);
  }
}
