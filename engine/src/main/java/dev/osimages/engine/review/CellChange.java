package dev.osimages.engine.review;

import java.util.List;
import java.util.Map;

/**
 * How one cell differs between a base revision and the work tree. {@code args} maps each changed
 * arg to its old and new value ({@code null} when absent on that side); {@code diffs} are unified
 * diffs of the rendered Dockerfile and the goss suites, one per changed file.
 */
public record CellChange(
    String id,
    Kind kind,
    String oldHash,
    String newHash,
    Map<String, List<String>> args,
    List<FileDiff> diffs) {

  /** Whether the cell is new, gone, or has a different input hash. */
  public enum Kind {
    ADDED,
    REMOVED,
    CHANGED
  }

  /** A unified diff of one file of the cell (its Dockerfile or a goss suite). */
  public record FileDiff(String name, List<String> lines) {
    public FileDiff {
      lines = List.copyOf(lines);
    }
  }

  public CellChange {
    args = Map.copyOf(args);
    diffs = List.copyOf(diffs);
  }
}
