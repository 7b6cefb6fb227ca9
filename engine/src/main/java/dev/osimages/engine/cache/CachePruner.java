package dev.osimages.engine.cache;

import dev.osimages.engine.host.Trees;
import dev.osimages.engine.state.StateDir;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Removes the entries a {@link PrunePlan} picks from the state directory, a layer before the one it
 * was built on, and forgets them in {@link CacheUses}. The caller holds the state lock, so no other
 * engine reads the cache meanwhile; what the caller's own process used is kept by the policy's
 * {@code heldSince}.
 */
public final class CachePruner {
  private final StateDir state;

  public CachePruner(StateDir state) {
    this.state = state;
  }

  /** What {@link #prune} would remove, removing nothing. */
  public PrunePlan.Result plan(PrunePolicy policy) {
    return new PrunePlan(new CacheInventory(state).list()).decide(policy, Instant.now());
  }

  /** Prunes by {@code policy}; returns what was removed and what is left. */
  public PrunePlan.Result prune(PrunePolicy policy) {
    PrunePlan.Result r = plan(policy);
    Set<String> gone = new HashSet<>();
    for (CacheEntry e : r.removed()) {
      Trees.delete(e.path());
      gone.add(e.id());
    }
    new CacheUses(state).forget(gone);
    return r;
  }
}
