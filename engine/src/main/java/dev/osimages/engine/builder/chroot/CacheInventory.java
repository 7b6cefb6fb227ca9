package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.state.StateDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What {@code engine cache list|prune} sees: step layers (a build's result is its stack of them),
 * bases, downloads of {@code ADD URL} and the directories of cache mounts in the state directory,
 * each with its size and last use (the time of its {@code meta.properties}, refreshed on every
 * cache hit). Pruning removes what was not used for a given time, plus leftovers of interrupted
 * builds.
 */
public final class CacheInventory {
  private final StateDir state;

  public CacheInventory(StateDir state) {
    this.state = state;
  }

  /** One cache entry. */
  public record Entry(
      String kind, String id, String what, long bytes, Instant lastUsed, Path dir) {}

  /** Every entry, oldest use first. */
  public List<Entry> list() {
    List<Entry> out = new ArrayList<>();
    scan(state.layers(), "layer", out);
    scan(state.bases(), "base", out);
    scan(state.downloads(), "download", out);
    scan(state.cacheMounts(), "cache-mount", out);
    out.sort((a, b) -> a.lastUsed().compareTo(b.lastUsed()));
    return out;
  }

  /** Removes entries unused for longer than {@code keep}, and stale temp work; returns them. */
  public List<Entry> prune(Duration keep) {
    Instant cutoff = Instant.now().minus(keep);
    List<Entry> removed = new ArrayList<>();
    for (Entry e : list()) {
      if (e.lastUsed().isBefore(cutoff) || keep.isZero()) {
        Trees.delete(e.dir());
        removed.add(e);
      }
    }
    Trees.delete(state.tmp());
    return removed;
  }

  private static void scan(Path dir, String kind, List<Entry> out) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path d : (Iterable<Path>) s::iterator) {
        String name = d.getFileName().toString();
        if (name.startsWith(".")
            || name.equals("urls")
            || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Path meta = d.resolve("meta.properties");
        Path stamp = Files.exists(meta) ? meta : d;
        String what = Files.exists(meta) ? describe(LayerStore.read(meta)) : name;
        out.add(
            new Entry(kind, name, what, size(d), Files.getLastModifiedTime(stamp).toInstant(), d));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String describe(Properties p) {
    String v = p.getProperty("step", p.getProperty("base", ""));
    return v.isEmpty()
        ? p.getProperty("key", "").substring(0, Math.min(12, p.getProperty("key", "").length()))
        : v;
  }

  private static long size(Path d) {
    String out = HostCommand.output(List.of("du", "-sb", "--", d.toString()));
    return Long.parseLong(out.split("\\s+")[0]);
  }
}
