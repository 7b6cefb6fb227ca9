package dev.osimages.engine.review;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.osimages.engine.model.TestAssignment;
import dev.osimages.engine.plan.Plan;
import dev.osimages.engine.plan.PlannedCell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two plans of the same declaration (a base revision and the work tree): which cells were
 * added, removed or changed, what changed in their args and other inputs, and unified diffs of
 * their rendered Dockerfiles and goss suites. Suite paths are shown relative to each side's
 * declaration directory, so both sides name a file the same way.
 */
public final class PlanDiff {
  private PlanDiff() {}

  /** The changes from {@code base} (rooted at {@code baseDir}) to {@code head}, by cell id. */
  public static List<CellChange> between(Plan base, Path baseDir, Plan head, Path headDir) {
    Map<String, PlannedCell> a = byId(base);
    Map<String, PlannedCell> b = byId(head);
    TreeSet<String> ids = new TreeSet<>(a.keySet());
    ids.addAll(b.keySet());
    List<CellChange> out = new ArrayList<>();
    for (String id : ids) {
      PlannedCell x = a.get(id);
      PlannedCell y = b.get(id);
      if (x != null && y != null && x.inputHash().equals(y.inputHash())) {
        continue;
      }
      CellChange.Kind kind =
          x == null
              ? CellChange.Kind.ADDED
              : y == null ? CellChange.Kind.REMOVED : CellChange.Kind.CHANGED;
      List<CellChange.FileDiff> diffs = new ArrayList<>();
      addDiff(diffs, "Dockerfile", id, dockerfile(x), dockerfile(y));
      Map<String, String> sa = suites(x, baseDir);
      Map<String, String> sb = suites(y, headDir);
      TreeSet<String> names = new TreeSet<>(sa.keySet());
      names.addAll(sb.keySet());
      for (String n : names) {
        addDiff(diffs, n, id, sa.getOrDefault(n, ""), sb.getOrDefault(n, ""));
      }
      out.add(
          new CellChange(
              id,
              kind,
              x == null ? "" : x.inputHash(),
              y == null ? "" : y.inputHash(),
              changes(
                  x == null ? Map.of() : x.cell().args(), y == null ? Map.of() : y.cell().args()),
              kind == CellChange.Kind.CHANGED ? changes(x.inputs(), y.inputs()) : Map.of(),
              diffs));
    }
    return out;
  }

  private static Map<String, PlannedCell> byId(Plan plan) {
    Map<String, PlannedCell> out = new LinkedHashMap<>();
    plan.selected().forEach(c -> out.put(c.cell().id(), c));
    return out;
  }

  private static String dockerfile(PlannedCell c) {
    return c == null ? "" : c.dockerfile();
  }

  /** Each key whose value differs, with its old and new value (null when absent on a side). */
  private static Map<String, List<String>> changes(Map<String, String> a, Map<String, String> b) {
    Map<String, List<String>> out = new TreeMap<>();
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      if (!Objects.equals(a.get(k), b.get(k))) {
        out.put(k, Arrays.asList(a.get(k), b.get(k)));
      }
    }
    return out;
  }

  private static Map<String, String> suites(PlannedCell c, Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (c == null) {
      return out;
    }
    for (TestAssignment t : c.cell().tests()) {
      Path f = t.gossfile();
      String name = dir.relativize(f).toString();
      try {
        out.put(name, Files.isRegularFile(f) ? Files.readString(f) : "");
      } catch (IOException e) {
        throw new UncheckedIOException(f + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static void addDiff(
      List<CellChange.FileDiff> diffs, String name, String id, String before, String after) {
    if (before.equals(after)) {
      return;
    }
    List<String> a = before.isEmpty() ? List.of() : before.lines().toList();
    List<String> b = after.isEmpty() ? List.of() : after.lines().toList();
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff(
            "a/" + id + "/" + name, "b/" + id + "/" + name, a, DiffUtils.diff(a, b), 3);
    diffs.add(new CellChange.FileDiff(name, unified));
  }
}
