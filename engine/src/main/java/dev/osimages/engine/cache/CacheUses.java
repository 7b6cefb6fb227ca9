package dev.osimages.engine.cache;

import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.state.StateDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which cache entries each cell's last build used, and when: one small text file in the state
 * directory ({@code cache-uses.tsv}, a line per cell: id, time, entry ids), replaced atomically at
 * the end of every build. {@code engine cache list} shows the cells of an entry from it, and an
 * entry's last use is the later of its own stamp and its cells' last builds, so neither depends on
 * file access times.
 */
public final class CacheUses {
  static final String FILE = "cache-uses.tsv";

  private final StateDir state;

  public CacheUses(StateDir state) {
    this.state = state;
  }

  /** What one cell's last build used. */
  public record Use(String cell, Instant at, List<String> entries) {
    public Use {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Records that {@code cell}'s build at {@code at} used {@code paths} (anything under the state
   * directory's cache parts; other paths, such as a base directory given on the command line, are
   * not the cache's and are left out). Replaces what the cell's earlier build recorded.
   */
  public void record(String cell, Collection<Path> paths, Instant at) {
    TreeSet<String> ids = new TreeSet<>();
    for (Path p : paths) {
      CacheParts.entryOf(state, p).ifPresent(ids::add);
    }
    synchronized (CacheUses.class) {
      Map<String, Use> all = read();
      all.put(cell, new Use(cell, at, List.copyOf(ids)));
      write(all);
    }
  }

  /** Drops removed entries from every cell's record. */
  public void forget(Set<String> removed) {
    if (removed.isEmpty()) {
      return;
    }
    synchronized (CacheUses.class) {
      Map<String, Use> all = read();
      all.replaceAll(
          (cell, u) ->
              new Use(
                  cell, u.at(), u.entries().stream().filter(id -> !removed.contains(id)).toList()));
      write(all);
    }
  }

  private void write(Map<String, Use> all) {
    StringBuilder b = new StringBuilder();
    for (Use u : all.values()) {
      b.append(u.cell()).append('\t').append(u.at()).append('\t');
      b.append(String.join(" ", u.entries())).append('\n');
    }
    try {
      AtomicFiles.write(state.root().resolve(FILE), b.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record cache use in " + state.root(), e);
    }
  }

  /** Every cell's last recorded use, by cell id; a damaged line is skipped. */
  public Map<String, Use> read() {
    Map<String, Use> out = new TreeMap<>();
    Path file = state.root().resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return out;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (String line : lines) {
      parse(line).ifPresent(u -> out.put(u.cell(), u));
    }
    return out;
  }

  private static Optional<Use> parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 3 || f[0].isEmpty()) {
      return Optional.empty();
    }
    try {
      List<String> entries = f[2].isBlank() ? List.of() : List.of(f[2].strip().split(" "));
      return Optional.of(new Use(f[0], Instant.parse(f[1]), entries));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
