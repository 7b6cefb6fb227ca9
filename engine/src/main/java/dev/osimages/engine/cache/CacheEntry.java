package dev.osimages.engine.cache;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the build cache: its kind ({@code layer}, {@code base}, {@code download}, {@code
 * cache-mount}, {@code blob}), its id (its path relative to the state directory, e.g. {@code
 * layers/<id>}), what it is (a step's instruction, a base's description), its disk usage in bytes
 * (blocks, a file hard-linked into two entries counted once), its own last use, the cells whose
 * last build used it, where it is, and the entry it was built on ({@code parent}: for a step layer,
 * the layer or base below it).
 */
public record CacheEntry(
    String kind,
    String id,
    String what,
    long bytes,
    Instant lastUsed,
    List<String> cells,
    Path path,
    Optional<String> parent) {
  public CacheEntry {
    cells = List.copyOf(cells);
  }
}
