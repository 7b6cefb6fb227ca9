package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Distro;
import dev.osimages.engine.model.DistroVersion;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.model.Variant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the image ids a declaration produces and how images start from each other: variant version
 * patterns, duplicate ids, references to unknown images and cycles of bases. Each image has at most
 * one base image, so a cycle is found by following bases until one repeats.
 */
final class CellGraphChecks {
  private record Ref(String path, SourcePosition position) {}

  private final Declaration decl;
  private final List<Problem> problems;
  private final Map<String, Ref> cells = new LinkedHashMap<>();
  private final Map<String, String> baseOf = new LinkedHashMap<>();
  private final Map<String, Ref> baseRef = new LinkedHashMap<>();
  private final Set<String> brokenVariants = new HashSet<>();

  CellGraphChecks(Declaration decl, List<Problem> problems) {
    this.decl = decl;
    this.problems = problems;
  }

  /** Runs every check; returns the ids of all images, in declaration order. */
  List<String> check() {
    for (Distro d : decl.distros()) {
      for (DistroVersion v : d.versions()) {
        NodePath path = NodePath.of("distros", d.name(), "versions", v.version());
        String id = CellIds.of(d.name(), v.version());
        cells.put(id, new Ref(path.dotted(), v.position()));
        if (v.base() instanceof Base.CellRef ref) {
          addBase(id, ref.id(), path.key("base").key("cell"));
        }
      }
    }
    for (Variant variant : decl.variants()) {
      variant(variant);
    }
    unknownBases();
    cycles();
    return List.copyOf(cells.keySet());
  }

  private void variant(Variant variant) {
    NodePath path = NodePath.of("variants", variant.name());
    NodePath versionPath = path.key("version");
    List<String> bad = CellIds.placeholderProblems(variant.version());
    if (!bad.isEmpty()) {
      brokenVariants.add(variant.name());
      bad.forEach(msg -> error(versionPath, msg));
      return;
    }
    for (int i = 0; i < variant.bases().size(); i++) {
      String base = variant.bases().get(i);
      NodePath basePath = path.key("bases").index(i);
      String version = CellIds.variantVersion(variant.version(), base);
      if (!CellIds.isValidVersion(version)) {
        error(
            versionPath,
            "gives the version '"
                + version
                + "' over "
                + base
                + "; a version is letters, digits, '.', '_', '+' and '-', starting with a letter"
                + " or digit");
        continue;
      }
      String id = CellIds.of(variant.name(), version);
      Ref first = cells.get(id);
      if (first != null) {
        String hint =
            first.path().startsWith(path.dotted() + ".")
                ? "; put ${base.os} or ${base.version} in the version to tell them apart"
                : "";
        error(
            basePath,
            "image id '"
                + id
                + "' is already produced by "
                + first.path()
                + " ("
                + first.position().line()
                + ":"
                + first.position().column()
                + ")"
                + hint);
        continue;
      }
      cells.put(id, new Ref(basePath.dotted(), at(basePath)));
      addBase(id, base, basePath);
    }
  }

  private void addBase(String id, String base, NodePath path) {
    baseOf.put(id, base);
    baseRef.put(id, new Ref(path.dotted(), at(path)));
  }

  private void unknownBases() {
    for (var e : baseOf.entrySet()) {
      String base = e.getValue();
      if (!cells.containsKey(base) && !brokenVariants.contains(CellIds.os(base))) {
        Ref ref = baseRef.get(e.getKey());
        problems.add(
            Problem.error(
                ref.position(),
                ref.path(),
                "unknown image '" + base + "' (known: " + String.join(", ", cells.keySet()) + ")"));
      }
    }
  }

  private void cycles() {
    Set<String> done = new HashSet<>();
    for (String start : cells.keySet()) {
      List<String> walk = new ArrayList<>();
      String id = start;
      while (id != null && !done.contains(id) && !walk.contains(id)) {
        walk.add(id);
        id = baseOf.get(id);
      }
      if (id != null && walk.contains(id)) {
        reportCycle(walk.subList(walk.indexOf(id), walk.size()));
      }
      done.addAll(walk);
    }
  }

  private void reportCycle(List<String> cycle) {
    String first = cycle.get(0);
    for (String id : cycle) {
      if (baseRef.get(id).position().compareTo(baseRef.get(first).position()) < 0) {
        first = id;
      }
    }
    List<String> chain = new ArrayList<>(List.of(first));
    for (String id = baseOf.get(first); !id.equals(first); id = baseOf.get(id)) {
      chain.add(id);
    }
    chain.add(first);
    Ref ref = baseRef.get(first);
    problems.add(
        Problem.error(
            ref.position(),
            ref.path(),
            "base cycle: " + String.join(" -> ", chain) + " (each image is built on the next)"));
  }

  private SourcePosition at(NodePath path) {
    return decl.sources().at(path.dotted());
  }

  private void error(NodePath path, String message) {
    problems.add(Problem.error(at(path), path.dotted(), message));
  }
}
