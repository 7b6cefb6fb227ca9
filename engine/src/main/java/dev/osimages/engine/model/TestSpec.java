package dev.osimages.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the test matrix: a goss suite, the images it applies to (globs over cell ids), the
 * targets it runs on, the vars and environment it is rendered with, an optional provisioning step
 * before it runs, and the MAC addresses of the NICs a VM gets.
 */
public record TestSpec(
    String name,
    String suite,
    List<String> images,
    List<TargetKind> targets,
    Map<String, Object> vars,
    Map<String, String> env,
    Optional<PrepareSpec> prepare,
    List<String> nics,
    SourcePosition position) {
  public TestSpec {
    images = List.copyOf(images);
    targets = List.copyOf(targets);
    vars = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(vars));
    env = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(env));
    nics = List.copyOf(nics);
  }

  /** A test without environment, provisioning or NICs. */
  public TestSpec(
      String name,
      String suite,
      List<String> images,
      List<TargetKind> targets,
      Map<String, Object> vars,
      SourcePosition position) {
    this(name, suite, images, targets, vars, Map.of(), Optional.empty(), List.of(), position);
  }
}
