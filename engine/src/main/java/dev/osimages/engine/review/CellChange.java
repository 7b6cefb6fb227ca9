package dev.osimages.engine.review;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one cell differs between a base revision and the work tree. {@code args} maps each changed
 * arg to its old and new value ({@code null} when absent on that side); {@code inputs} does the
 * same for the other inputs of the hash (base, base image, context files, ...) of a changed cell;
 * {@code diffs} are unified diffs of the rendered Dockerfile and the goss suites, one per changed
 * file.
 */
public record CellChange(
    String id,
    Kind kind,
    String oldHash,
    String newHash,
    Map<String, List<String>> args,
    Map<String, List<String>> inputs,
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
    args = Collections.unmodifiableMap(new TreeMap<>(args));
    inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
    diffs = List.copyOf(diffs);
  }
}
