package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Distro;
import dev.osimages.engine.model.DistroVersion;
import dev.osimages.engine.model.NamedContextSpec;
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
 * Checks the image ids a declaration produces and how images depend on each other: variant version
 * patterns, duplicate ids, references to unknown images (bases and cell contexts) and cycles. An
 * image needs its base image and the images its named contexts name ({@code namedContexts: {NAME:
 * {cell: ID}}}); a cycle of these edges is reported once, at its edge declared first.
 */
final class CellGraphChecks {
  private record Ref(String path, SourcePosition position) {}

  /** An edge: {@code from} needs {@code to}, declared at {@code ref}; context names it, if any. */
  private record Edge(String from, String to, Ref ref, String context) {}

  private final Declaration decl;
  private final List<Problem> problems;
  private final Map<String, Ref> cells = new LinkedHashMap<>();
  private final Map<String, List<Edge>> edges = new LinkedHashMap<>();
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
        contexts(id, d.namedContexts(), NodePath.of("distros", d.name()));
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
      contexts(id, variant.namedContexts(), path);
    }
  }

  private void addBase(String id, String base, NodePath path) {
    edges
        .computeIfAbsent(id, k -> new ArrayList<>())
        .add(new Edge(id, base, new Ref(path.dotted(), at(path)), ""));
  }

  private void contexts(String id, Map<String, NamedContextSpec> named, NodePath owner) {
    named.forEach(
        (name, c) -> {
          if (c instanceof NamedContextSpec.CellRef ref) {
            NodePath p = owner.key("namedContexts").key(name).key("cell");
            edges
                .computeIfAbsent(id, k -> new ArrayList<>())
                .add(new Edge(id, ref.id(), new Ref(p.dotted(), at(p)), name));
          }
        });
  }

  private void unknownBases() {
    Set<String> reported = new HashSet<>();
    for (List<Edge> out : edges.values()) {
      for (Edge e : out) {
        if (!cells.containsKey(e.to())
            && !brokenVariants.contains(CellIds.os(e.to()))
            && reported.add(e.ref().path())) {
          problems.add(
              Problem.error(
                  e.ref().position(),
                  e.ref().path(),
                  "unknown image '"
                      + e.to()
                      + "' (known: "
                      + String.join(", ", cells.keySet())
                      + ")"));
        }
      }
    }
  }

  /** Depth-first over every edge; each cycle found is reported once. */
  private void cycles() {
    Set<String> done = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (String start : cells.keySet()) {
      walk(start, new ArrayList<>(), done, reported);
    }
  }

  private void walk(String id, List<Edge> path, Set<String> done, Set<String> reported) {
    if (done.contains(id)) {
      return;
    }
    for (int i = 0; i < path.size(); i++) {
      if (path.get(i).from().equals(id)) {
        List<Edge> cycle = path.subList(i, path.size());
        if (reported.add(
            new java.util.TreeSet<>(cycle.stream().map(Edge::from).toList()).toString())) {
          reportCycle(cycle);
        }
        return;
      }
    }
    for (Edge e : edges.getOrDefault(id, List.of())) {
      if (cells.containsKey(e.to())) {
        path.add(e);
        walk(e.to(), path, done, reported);
        path.remove(path.size() - 1);
      }
    }
    done.add(id);
  }

  private void reportCycle(List<Edge> cycle) {
    int first = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (cycle.get(i).ref().position().compareTo(cycle.get(first).ref().position()) < 0) {
        first = i;
      }
    }
    List<Edge> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
    rotated.addAll(cycle.subList(0, first));
    boolean basesOnly = rotated.stream().allMatch(e -> e.context().isEmpty());
    StringBuilder chain = new StringBuilder(rotated.get(0).from());
    for (Edge e : rotated) {
      chain
          .append(e.context().isEmpty() ? "" : " (context " + e.context() + ")")
          .append(" -> ")
          .append(e.to());
    }
    Ref ref = rotated.get(0).ref();
    problems.add(
        Problem.error(
            ref.position(),
            ref.path(),
            basesOnly
                ? "base cycle: " + chain + " (each image is built on the next)"
                : "cycle: " + chain + " (each image needs the next built first)"));
  }

  private SourcePosition at(NodePath path) {
    return decl.sources().at(path.dotted());
  }

  private void error(NodePath path, String message) {
    problems.add(Problem.error(at(path), path.dotted(), message));
  }
}
