package dev.osimages.engine.matrix;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cells and what each needs built first: the base a derived cell is built on and the cells its
 * named contexts read. The order is topological and deterministic: among cells whose needs are
 * done, the one declared first comes first.
 */
public final class DependencyGraph {
  private final Map<String, Cell> cells = new LinkedHashMap<>();

  public DependencyGraph(List<Cell> cells) {
    cells.forEach(c -> this.cells.put(c.id(), c));
  }

  /** The id of the cell {@code cell} is built on, if it is derived. */
  public static Optional<String> baseOf(Cell cell) {
    return cell.base() instanceof Base.CellRef ref ? Optional.of(ref.id()) : Optional.empty();
  }

  /** The ids of the cells {@code cell} needs first: its base cell, then its context cells. */
  public static List<String> needs(Cell cell) {
    List<String> out = new ArrayList<>();
    baseOf(cell).ifPresent(out::add);
    cell.contextCells().stream().filter(id -> !out.contains(id)).forEach(out::add);
    return out;
  }

  /** The cell with this id. */
  public Optional<Cell> cell(String id) {
    return Optional.ofNullable(cells.get(id));
  }

  /** Every cell, bases before the cells built on them. */
  public List<Cell> ordered() {
    List<Cell> out = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    while (out.size() < cells.size()) {
      Cell next =
          cells.values().stream()
              .filter(c -> !done.contains(c.id()))
              .filter(c -> done.containsAll(needs(c)))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("cycle among " + remaining(done)));
      done.add(next.id());
      out.add(next);
    }
    return out;
  }

  /**
   * The cells {@code selection} picks plus every base they need, in build order; the caller tells
   * the two apart with {@link Selection#includes}.
   */
  public List<Cell> closure(Selection selection) {
    Set<String> needed = new LinkedHashSet<>();
    java.util.Deque<String> todo = new java.util.ArrayDeque<>();
    for (Cell c : cells.values()) {
      if (selection.includes(c.id())) {
        todo.add(c.id());
      }
    }
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (needed.add(id) && cells.containsKey(id)) {
        todo.addAll(needs(cells.get(id)));
      }
    }
    return ordered().stream().filter(c -> needed.contains(c.id())).toList();
  }

  /**
   * The cell's level in the graph: 0 for a cell on a bootstrap or registry base, its base cell's
   * level + 1 for a derived cell. Cells of one level need only cells of lower levels, so CI can
   * build each level's cells in parallel once the level before is done.
   */
  public int level(String id) {
    int level = 0;
    for (Optional<String> b = baseOf(cells.get(id));
        b.isPresent();
        b = baseOf(cells.get(b.get()))) {
      level++;
    }
    return level;
  }

  /**
   * The cells built directly or indirectly on {@code id} (through bases only: what a cell passes on
   * to those built on it, such as its args, does not flow through named contexts).
   */
  public Set<String> dependents(String id) {
    Set<String> out = new LinkedHashSet<>();
    for (Cell c : ordered()) {
      Optional<String> base = baseOf(c);
      if (base.isPresent() && (base.get().equals(id) || out.contains(base.get()))) {
        out.add(c.id());
      }
    }
    return out;
  }

  private List<String> remaining(Set<String> done) {
    return cells.keySet().stream().filter(id -> !done.contains(id)).toList();
  }
}
