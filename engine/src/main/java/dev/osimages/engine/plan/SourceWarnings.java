package dev.osimages.engine.plan;

import dev.osimages.engine.declaration.NodePath;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.Profile;
import dev.osimages.engine.model.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One warning per unusable pin (see {@link Sources}), at the arg that declares it and naming the
 * cells it leaves unbuildable, so {@code validate} and every planning command say early what a run
 * would refuse. Not an error: the other cells still build, and a profile may switch the source off.
 */
final class SourceWarnings {
  private SourceWarnings() {}

  static List<Problem> of(Declaration d, Plan plan, Optional<Profile> profile) {
    // (place, message) -> cells, so one line names every cell a pin affects
    Map<List<Object>, Set<String>> grouped = new LinkedHashMap<>();
    for (PlannedCell p : plan.cells()) {
      Cell cell = p.cell();
      for (Sources.Source s : Sources.unpinned(p)) {
        String arg = s.pinArg().orElse(s.arg());
        String path = place(d, cell, profile, arg);
        String message = s.arg() + " (" + s.url() + ") " + s.pinProblem().orElseThrow();
        grouped.computeIfAbsent(List.of(path, message), k -> new LinkedHashSet<>()).add(cell.id());
      }
    }
    List<Problem> out = new ArrayList<>();
    grouped.forEach(
        (key, ids) -> {
          String path = (String) key.get(0);
          SourcePosition at = d.sources().at(path);
          out.add(
              Problem.warning(
                  at,
                  path,
                  key.get(1)
                      + "; refused when built: "
                      + String.join(", ", ids)
                      + " (set the pin, or choose a profile without this source)"));
        });
    return out;
  }

  private static String distroVersion(Cell cell) {
    if (cell.base() instanceof Base.CellRef ref && !cell.os().equals(cell.distro())) {
      return ref.id().substring(ref.id().indexOf('/') + 1);
    }
    return cell.version();
  }

  /** The dotted path of the highest-precedence level of {@code cell} that declares {@code arg}. */
  private static String place(Declaration d, Cell cell, Optional<Profile> profile, String arg) {
    List<String> candidates = new ArrayList<>();
    profile.ifPresent(p -> candidates.add(NodePath.of("profiles", p.name(), "args", arg).dotted()));
    candidates.add(NodePath.of("variants", cell.os(), "args", arg).dotted());
    candidates.add(
        NodePath.of("distros", cell.distro(), "versions", distroVersion(cell), "args", arg)
            .dotted());
    candidates.add(NodePath.of("distros", cell.distro(), "args", arg).dotted());
    candidates.add(NodePath.of("args", arg).dotted());
    return candidates.stream()
        .filter(p -> d.sources().positions().containsKey(p))
        .findFirst()
        .orElse(NodePath.of("args", arg).dotted());
  }
}
