package dev.osimages.engine.cache;

import dev.osimages.engine.host.Digests;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.state.StateDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What {@code engine cache list|prune} see: the step layers, bases (bootstraps, extracted tarballs
 * and image layers), downloads of {@code ADD URL}, the directories of cache mounts, the registry's
 * blobs and the package cache's files (a package's or archive file's stamp is refreshed whenever a
 * build fetches or replays it, and a cell's build whose archive record names it counts as a use) in
 * the state directory. Sizes are disk usage from one {@code du} over all of them (blocks, hard
 * links counted once). An entry's last use is the later of its stamp (its {@code meta.properties}
 * or its own modification time; a step layer's is refreshed on every cache hit) and the last build
 * of a cell that used it ({@link CacheUses}). A step layer's parent is the layer its cache key
 * names, or for a stage's first layer the base (or another cell's layer) it was stacked on.
 */
public final class CacheInventory {
  /** Directories inside a part that are indexes, not entries. */
  private static final Set<String> INDEXES = Set.of("downloads/urls", "bases/keys");

  private final StateDir state;

  public CacheInventory(StateDir state) {
    this.state = state;
  }

  /** Every entry, least recently used first. */
  public List<CacheEntry> list() {
    List<Found> found = new ArrayList<>();
    for (CacheParts.Part part : CacheParts.ALL) {
      scan(state.root().resolve(part.dir()), part, found);
    }
    Map<String, Long> sizes = sizes(found);
    Map<String, String> starts = stageStarts(found);
    Map<String, TreeSet<String>> cells = new HashMap<>();
    Map<String, Instant> used = new HashMap<>();
    for (CacheUses.Use u : new CacheUses(state).read().values()) {
      for (String id : u.entries()) {
        cells.computeIfAbsent(id, k -> new TreeSet<>()).add(u.cell());
        used.merge(id, u.at(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    List<CacheEntry> out = new ArrayList<>();
    for (Found f : found) {
      Instant last = f.stamp();
      Instant byCells = used.get(f.id());
      if (byCells != null && byCells.isAfter(last)) {
        last = byCells;
      }
      out.add(
          new CacheEntry(
              f.kind(),
              f.id(),
              f.what(),
              sizes.getOrDefault(f.id(), 0L),
              last,
              List.copyOf(cells.getOrDefault(f.id(), new TreeSet<>())),
              f.path(),
              parent(f, starts)));
    }
    out.sort((a, b) -> a.lastUsed().compareTo(b.lastUsed()));
    return out;
  }

  /** An entry as found on disk, before sizes and uses are known. */
  private record Found(
      String kind,
      String id,
      String what,
      Instant stamp,
      Path path,
      Properties meta,
      CacheParts.Part part) {}

  private void scan(Path dir, CacheParts.Part part, List<Found> out) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    boolean blob = part.kind().equals("blob");
    boolean files = part.files();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")
            || INDEXES.contains(part.dir() + "/" + name)
            || (!files && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
            || (files && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
          continue; // temporary work (swept at start), an index, or a small file beside entries
        }
        Path meta = p.resolve("meta.properties");
        boolean hasMeta = Files.isRegularFile(meta, LinkOption.NOFOLLOW_LINKS);
        Properties props = hasMeta ? read(meta) : new Properties();
        Instant stamp =
            Files.getLastModifiedTime(hasMeta ? meta : p, LinkOption.NOFOLLOW_LINKS).toInstant();
        String kind = blob && name.endsWith(".partial") ? "partial" : part.kind();
        String id = part.dir() + "/" + name;
        out.add(new Found(kind, id, describe(props, kind, name), stamp, p, props, part));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /**
   * The entries a stage can start from, by the parent key its first step records: a base (a
   * bootstrap, an extracted tarball or image) by {@code Digests.of("base", key)}, a layer that is a
   * cell's result (a derived cell's base) by the key that result has as a base.
   */
  private static Map<String, String> stageStarts(List<Found> found) {
    Map<String, String> out = new HashMap<>();
    for (Found f : found) {
      String key = f.meta().getProperty("key", "");
      if (key.isEmpty()) {
        continue;
      }
      if (f.part().dir().equals("bases")) {
        out.put(Digests.of("base", key), f.id());
      } else if (f.part().dir().equals("layers")) {
        out.put(Digests.of("base", Digests.of("rootfs-result", key)), f.id());
      }
    }
    return out;
  }

  /**
   * The entry a step layer was stacked on: the layer its parent key names; else (a stage's first
   * step) the base or cell result that key stands for, or the entry holding the layer directory it
   * was stacked on ({@code below}).
   */
  private Optional<String> parent(Found f, Map<String, String> starts) {
    if (!f.part().dir().equals("layers")) {
      return Optional.empty();
    }
    String key = f.meta().getProperty("parent", "");
    if (key.length() >= 32
        && Files.isDirectory(
            state.layers().resolve(key.substring(0, 32)), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("layers/" + key.substring(0, 32));
    }
    if (starts.containsKey(key)) {
      return Optional.of(starts.get(key));
    }
    String below = f.meta().getProperty("below", "");
    return below.isEmpty() ? Optional.empty() : CacheParts.entryOf(state, Path.of(below));
  }

  private static String describe(Properties p, String kind, String name) {
    String v = p.getProperty("step", p.getProperty("base", ""));
    if (!v.isEmpty()) {
      return v.replaceAll("\\s+", " ");
    }
    return switch (kind) {
      case "blob" -> "registry blob";
      case "archive-file" -> "archive file apt fetched (a Release or package index)";
      case "partial" -> "registry blob, partly downloaded (resumed by the next pull)";
      default -> name;
    };
  }

  /** Disk usage of every entry in one {@code du}, so a file linked from two counts once. */
  private static Map<String, Long> sizes(List<Found> found) {
    Map<String, Long> out = new HashMap<>();
    if (found.isEmpty()) {
      return out;
    }
    Map<String, String> byPath = new HashMap<>();
    StringBuilder names = new StringBuilder();
    for (Found f : found) {
      byPath.put(f.path().toString(), f.id());
      names.append(f.path()).append('\0');
    }
    HostCommand.Captured r =
        HostCommand.capture(
                List.of("du", "-s", "-B1", "--files0-from=-"),
                names.toString().getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(10))
            .orElseThrow(() -> new IllegalStateException("du took more than 10 minutes"));
    for (String line : r.stdout().split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0 && byPath.containsKey(line.substring(tab + 1))) {
        out.put(byPath.get(line.substring(tab + 1)), Long.parseLong(line.substring(0, tab)));
      }
    }
    return out;
  }

  /** An entry's {@code meta.properties} (the step cache writes them; this reads them back). */
  public static Properties read(Path meta) {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + meta, e);
    }
    return p;
  }
}
