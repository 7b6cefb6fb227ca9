package dev.osimages.engine.review;

import java.util.List;
import java.util.Map;

/** Renders cell changes as plain text or as Markdown ready to post on a pull request. */
public final class DiffReport {
  private DiffReport() {}

  /** Plain text for a terminal. */
  public static String text(List<CellChange> changes, String baseRef) {
    StringBuilder s = new StringBuilder();
    if (changes.isEmpty()) {
      return "No image changes against " + baseRef + ".\n";
    }
    s.append(summary(changes, baseRef)).append("\n");
    for (CellChange c : changes) {
      s.append("\n").append(c.kind().name().toLowerCase()).append(" ").append(c.id());
      s.append(hashes(c)).append("\n");
      appendChanges(s, "arg ", c.args());
      appendChanges(s, "", c.inputs());
      for (CellChange.FileDiff d : c.diffs()) {
        d.lines().forEach(l -> s.append("  ").append(l).append("\n"));
      }
    }
    return s.toString();
  }

  /** Markdown: a summary table, then one collapsible section per cell with its diffs. */
  public static String markdown(List<CellChange> changes, String baseRef) {
    StringBuilder s = new StringBuilder("### Image changes against `" + baseRef + "`\n\n");
    if (changes.isEmpty()) {
      return s.append("No image changes.\n").toString();
    }
    s.append(summary(changes, baseRef)).append("\n\n");
    s.append("| image | change | args changed | inputs changed | files changed |\n");
    s.append("|---|---|---|---|---|\n");
    for (CellChange c : changes) {
      s.append("| `").append(c.id()).append("` | ").append(c.kind().name().toLowerCase());
      s.append(" | ").append(c.args().size()).append(" | ").append(c.inputs().size());
      s.append(" | ").append(c.diffs().size()).append(" |\n");
    }
    for (CellChange c : changes) {
      s.append("\n<details><summary><code>").append(c.id()).append("</code> (");
      s.append(c.kind().name().toLowerCase()).append(")</summary>\n\n");
      appendTable(s, "arg", c.args());
      appendTable(s, "input", c.inputs());
      for (CellChange.FileDiff d : c.diffs()) {
        s.append("```diff\n");
        d.lines().forEach(l -> s.append(l).append("\n"));
        s.append("```\n");
      }
      s.append("</details>\n");
    }
    return s.toString();
  }

  private static String summary(List<CellChange> changes, String baseRef) {
    long added = changes.stream().filter(c -> c.kind() == CellChange.Kind.ADDED).count();
    long removed = changes.stream().filter(c -> c.kind() == CellChange.Kind.REMOVED).count();
    long changed = changes.size() - added - removed;
    return added + " added, " + removed + " removed, " + changed + " changed against " + baseRef;
  }

  private static String hashes(CellChange c) {
    return switch (c.kind()) {
      case ADDED -> " (input " + shortHash(c.newHash()) + ")";
      case REMOVED -> " (was " + shortHash(c.oldHash()) + ")";
      case CHANGED -> " (input " + shortHash(c.oldHash()) + " -> " + shortHash(c.newHash()) + ")";
    };
  }

  private static String shortHash(String h) {
    return h.length() > 12 ? h.substring(0, 12) : h;
  }

  private static void appendChanges(
      StringBuilder s, String prefix, Map<String, List<String>> changes) {
    changes.forEach(
        (k, v) ->
            s.append("  ")
                .append(prefix)
                .append(k)
                .append(": ")
                .append(v.get(0) == null ? "(unset)" : v.get(0))
                .append(" -> ")
                .append(v.get(1) == null ? "(unset)" : v.get(1))
                .append("\n"));
  }

  private static void appendTable(StringBuilder s, String what, Map<String, List<String>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    s.append("| ").append(what).append(" | before | after |\n|---|---|---|\n");
    rows.forEach(
        (k, v) ->
            s.append("| `")
                .append(k)
                .append("` | ")
                .append(cell(v.get(0)))
                .append(" | ")
                .append(cell(v.get(1)))
                .append(" |\n"));
    s.append("\n");
  }

  private static String cell(String v) {
    return v == null ? "_(unset)_" : "`" + v.replace("|", "\\|") + "`";
  }
}
