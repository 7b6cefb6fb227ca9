package dev.osimages.engine.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A goss suite assigned to a cell by the test matrix, with its vars, environment (placeholders
 * resolved for the cell), targets, provisioning step (paths absolute) and VM NICs.
 */
public record TestAssignment(
    String name,
    Path gossfile,
    Map<String, Object> vars,
    List<TargetKind> targets,
    Map<String, String> env,
    Optional<PrepareSpec> prepare,
    List<String> nics) {
  public TestAssignment {
    vars = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(vars));
    targets = List.copyOf(targets);
    env = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(env));
    nics = List.copyOf(nics);
  }

  /** An assignment without environment, provisioning or NICs. */
  public TestAssignment(
      String name, Path gossfile, Map<String, Object> vars, List<TargetKind> targets) {
    this(name, gossfile, vars, targets, Map.of(), Optional.empty(), List.of());
  }

  /** Whether this suite needs a system of its own (provisioned, or with NICs). */
  public boolean needsOwnSystem() {
    return prepare.isPresent() || !nics.isEmpty();
  }
}
