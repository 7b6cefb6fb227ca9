package dev.osimages.engine.cache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which entries a prune removes, decided on the listing alone (no disk access), in the order they
 * are to be removed (a layer before the one it was built on).
 *
 * <p>Least recently used, for chains: a step layer is found by a cache key that names its parent's
 * key, not its parent's content, so a layer whose parent is gone would be stacked on a rebuilt
 * parent it was not built on (a newer package from the archive). So an entry goes together with
 * every layer built on it, and an entry's use is the latest use anywhere in the tree built on it: a
 * base or a layer is as recent as the newest image built on top of it. Among entries used at the
 * same time the deepest goes first, so a size bound trims a chain from its tip and keeps the shared
 * bottom (the bootstrap, the big package layer) as long as it can.
 */
public final class PrunePlan {
  private final Map<String, CacheEntry> byId = new HashMap<>();
  private final Map<String, List<CacheEntry>> children = new HashMap<>();
  private final Map<String, Instant> treeUse = new HashMap<>();
  private final Map<String, Integer> depth = new HashMap<>();
  private final List<CacheEntry> all;

  /** What was decided: the entries to remove, in order, and the bytes left after removing them. */
  public record Result(List<CacheEntry> removed, long freed, long remaining) {
    public Result {
      removed = List.copyOf(removed);
    }
  }

  public PrunePlan(List<CacheEntry> all) {
    this.all = List.copyOf(all);
    all.forEach(e -> byId.put(e.id(), e));
    for (CacheEntry e : all) {
      e.parent()
          .filter(byId::containsKey)
          .ifPresent(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(e));
    }
  }

  /** The entries {@code policy} removes at {@code now}. */
  public Result decide(PrunePolicy policy, Instant now) {
    List<CacheEntry> candidates = new ArrayList<>();
    for (CacheEntry e : all) {
      if (policy.heldSince().isEmpty() || treeUse(e).isBefore(policy.heldSince().get())) {
        candidates.add(e);
      }
    }
    candidates.sort(
        Comparator.comparing(this::treeUse)
            .thenComparing(this::depth, Comparator.reverseOrder())
            .thenComparing(CacheEntry::id));
    Set<CacheEntry> removed = new LinkedHashSet<>();
    for (CacheEntry e : candidates) {
      boolean old = policy.keep().map(k -> treeUse(e).isBefore(now.minus(k))).orElse(false);
      if (policy.unbounded() || old) {
        removed.addAll(withDescendants(e));
      }
    }
    long total = all.stream().filter(e -> !removed.contains(e)).mapToLong(CacheEntry::bytes).sum();
    if (policy.maxBytes().isPresent()) {
      for (CacheEntry e : candidates) {
        if (total <= policy.maxBytes().get()) {
          break;
        }
        for (CacheEntry d : withDescendants(e)) {
          if (removed.add(d)) {
            total -= d.bytes();
          }
        }
      }
    }
    List<CacheEntry> order = new ArrayList<>(removed);
    order.sort(Comparator.comparing(this::depth, Comparator.reverseOrder()));
    long freed = order.stream().mapToLong(CacheEntry::bytes).sum();
    return new Result(order, freed, total);
  }

  /** The latest use of {@code e} or of anything built on it. */
  Instant treeUse(CacheEntry e) {
    Instant known = treeUse.get(e.id());
    if (known != null) {
      return known;
    }
    Instant last = e.lastUsed();
    treeUse.put(e.id(), last); // a loop in damaged metadata ends here
    for (CacheEntry c : children.getOrDefault(e.id(), List.of())) {
      Instant l = treeUse(c);
      if (l.isAfter(last)) {
        last = l;
      }
    }
    treeUse.put(e.id(), last);
    return last;
  }

  /** How many entries lie below {@code e} (a loop in damaged metadata ends the count). */
  int depth(CacheEntry e) {
    return depth.computeIfAbsent(
        e.id(),
        id -> {
          int d = 0;
          Set<String> seen = new LinkedHashSet<>();
          for (Optional<String> p = e.parent();
              p.isPresent() && byId.containsKey(p.get()) && seen.add(p.get());
              d++) {
            p = byId.get(p.get()).parent();
          }
          return d;
        });
  }

  /** {@code e} and every entry built on it. */
  List<CacheEntry> withDescendants(CacheEntry e) {
    List<CacheEntry> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    List<CacheEntry> todo = new ArrayList<>(List.of(e));
    while (!todo.isEmpty()) {
      CacheEntry x = todo.remove(todo.size() - 1);
      if (seen.add(x.id())) {
        out.add(x);
        todo.addAll(children.getOrDefault(x.id(), List.of()));
      }
    }
    return out;
  }
}
