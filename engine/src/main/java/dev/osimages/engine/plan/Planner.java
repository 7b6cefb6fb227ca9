package dev.osimages.engine.plan;

import dev.osimages.engine.matrix.DependencyGraph;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Hygiene;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Orders the selected cells (with the bases and context cells they need), renders each, and hashes
 * its inputs. A derived cell's hash includes its base's and its context cells', so a change to
 * either reaches every cell that needs it.
 */
public final class Planner {
  private final Function<Cell, String> renderer;
  private final Hygiene hygiene;

  /**
   * @param renderer renders a cell's Dockerfile (strict; throws on a missing variable)
   */
  public Planner(Function<Cell, String> renderer, Hygiene hygiene) {
    this.renderer = renderer;
    this.hygiene = hygiene;
  }

  /** Plans {@code cells} restricted to {@code selection} and the bases it needs. */
  public Plan plan(List<Cell> cells, Selection selection) {
    DependencyGraph graph = new DependencyGraph(cells);
    Map<String, String> hashes = new HashMap<>();
    List<PlannedCell> out = new ArrayList<>();
    for (Cell cell : graph.closure(selection)) {
      Optional<String> baseId = DependencyGraph.baseOf(cell);
      String dockerfile = renderer.apply(cell);
      Map<String, String> contextHashes = new HashMap<>();
      for (String id : cell.contextCells()) {
        contextHashes.put(id, hashes.getOrDefault(id, ""));
      }
      InputHasher.Hashed h =
          InputHasher.hashed(cell, dockerfile, hygiene, baseId.map(hashes::get), contextHashes);
      hashes.put(cell.id(), h.hash());
      out.add(
          new PlannedCell(
              cell, dockerfile, h.hash(), baseId, selection.includes(cell.id()), h.inputs()));
    }
    return new Plan(out);
  }
}
