package dev.osimages.engine.model;

import java.util.List;
import java.util.Map;

/**
 * One entry of the test matrix: a goss suite, the images it applies to (globs over cell ids), the
 * targets it runs on, and the vars it is rendered with.
 */
public record TestSpec(
    String name,
    String suite,
    List<String> images,
    List<TargetKind> targets,
    Map<String, Object> vars,
    SourcePosition position) {
  public TestSpec {
    images = List.copyOf(images);
    targets = List.copyOf(targets);
    vars = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(vars));
  }
}
