package dev.osimages.engine.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One image of the expanded matrix. {@code id} is {@code <os>/<version>}; {@code distro} is the
 * root distro it descends from (for a variant, its base's distro); {@code args} are resolved with
 * their precedence applied; paths are absolute; {@code namedContexts} are its distro's or
 * variant's, by name.
 */
public record Cell(
    String id,
    String os,
    String version,
    String distro,
    Map<String, String> args,
    Base base,
    Path template,
    List<Path> contexts,
    PackageManager packageManager,
    Path outputDir,
    List<String> tags,
    List<TestAssignment> tests,
    SourcePosition position,
    Map<String, NamedContextSpec> namedContexts) {
  public Cell {
    // Sorted, so every iteration (hashing, JSON output) is the same in every JVM run;
    // Map.copyOf's order is randomized per run.
    args = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(args));
    contexts = List.copyOf(contexts);
    tags = List.copyOf(tags);
    tests = List.copyOf(tests);
    namedContexts =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(namedContexts));
  }

  /** A cell without named contexts. */
  public Cell(
      String id,
      String os,
      String version,
      String distro,
      Map<String, String> args,
      Base base,
      Path template,
      List<Path> contexts,
      PackageManager packageManager,
      Path outputDir,
      List<String> tags,
      List<TestAssignment> tests,
      SourcePosition position) {
    this(
        id,
        os,
        version,
        distro,
        args,
        base,
        template,
        contexts,
        packageManager,
        outputDir,
        tags,
        tests,
        position,
        Map.of());
  }

  /** The ids of the cells whose images this cell's named contexts read, sorted. */
  public List<String> contextCells() {
    return namedContexts.values().stream()
        .filter(c -> c instanceof NamedContextSpec.CellRef)
        .map(c -> ((NamedContextSpec.CellRef) c).id())
        .distinct()
        .sorted()
        .toList();
  }
}
