package dev.osimages.engine.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a prune may remove: entries unused for longer than {@code keep}, then least recently used
 * ones until the cache is no larger than {@code maxBytes}; never an entry used at or after {@code
 * heldSince} (what the running engine itself used). Neither bound: everything that is not held.
 */
public record PrunePolicy(
    Optional<Long> maxBytes, Optional<Duration> keep, Optional<Instant> heldSince) {
  /** Remove everything. */
  public static final PrunePolicy ALL =
      new PrunePolicy(Optional.empty(), Optional.empty(), Optional.empty());

  /** The same bounds, keeping what was used at or after {@code since}. */
  public PrunePolicy holding(Instant since) {
    return new PrunePolicy(maxBytes, keep, Optional.of(since));
  }

  /** Whether neither bound is given (then every entry goes). */
  public boolean unbounded() {
    return maxBytes.isEmpty() && keep.isEmpty();
  }
}
