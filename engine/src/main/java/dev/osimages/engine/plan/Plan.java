package dev.osimages.engine.plan;

import java.util.List;
import java.util.Optional;

/**
 * The cells to work on, in build order (bases first), each with its rendered Dockerfile and input
 * hash. Cells pulled in only as bases of the selection have {@code selected == false}.
 */
public record Plan(List<PlannedCell> cells) {
  public Plan {
    cells = List.copyOf(cells);
  }

  /** The planned cell with this id. */
  public Optional<PlannedCell> cell(String id) {
    return cells.stream().filter(c -> c.cell().id().equals(id)).findFirst();
  }

  /** Only the selected cells, in build order. */
  public List<PlannedCell> selected() {
    return cells.stream().filter(PlannedCell::selected).toList();
  }
}
