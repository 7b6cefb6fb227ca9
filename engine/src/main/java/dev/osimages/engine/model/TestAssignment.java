package dev.osimages.engine.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A goss suite assigned to a cell by the test matrix, with its vars and targets. */
public record TestAssignment(
    String name, Path gossfile, Map<String, Object> vars, List<TargetKind> targets) {
  public TestAssignment {
    vars = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(vars));
    targets = List.copyOf(targets);
  }
}
