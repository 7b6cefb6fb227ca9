package dev.osimages.engine.cli;

import java.util.List;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The child pipeline {@code engine matrix --format gitlab} prints: one job per level of the cell
 * graph, its cells spread with {@code parallel:matrix} (one runner each), each level needing the
 * level before (whose cells it finds in the registry), and a release job that fetches the channel
 * from the registry and releases it. Written as text: a fixed shape with quoted cell ids.
 */
final class GitlabPipeline {
  private GitlabPipeline() {}

  static String render(List<String> cells, ToIntFunction<String> level, String channel) {
    TreeMap<Integer, List<String>> levels = new TreeMap<>();
    for (String id : cells) {
      levels.computeIfAbsent(level.applyAsInt(id), k -> new java.util.ArrayList<>()).add(id);
    }
    StringBuilder y = new StringBuilder("# engine matrix --format gitlab: a child pipeline\n");
    y.append("stages:\n");
    levels.keySet().forEach(n -> y.append("  - level").append(n).append('\n'));
    y.append("  - release\n\n");
    y.append(".cell:\n  script:\n");
    y.append("    - bin/engine run --matrix --only \"$CELL\" --push --report-junit report.xml\n");
    y.append("  artifacts:\n    when: always\n    reports:\n      junit: report.xml\n\n");
    Integer previous = null;
    for (var e : levels.entrySet()) {
      String job = "level" + e.getKey();
      y.append(job).append(":\n  extends: .cell\n  stage: ").append(job).append('\n');
      y.append("  needs: [").append(previous == null ? "" : "level" + previous).append("]\n");
      y.append("  parallel:\n    matrix:\n      - CELL:\n");
      e.getValue().forEach(id -> y.append("          - ").append(quote(id)).append('\n'));
      y.append('\n');
      previous = e.getKey();
    }
    y.append("release:\n  stage: release\n  needs: [");
    y.append(String.join(", ", levels.keySet().stream().map(n -> "level" + n).toList()));
    y.append("]\n  when: manual\n  script:\n");
    y.append("    - bin/engine fetch --channel ").append(quote(channel)).append('\n');
    y.append("    - bin/engine release --from ")
        .append(quote(channel))
        .append(" --to \"$(date -u +%Y%m%d)\"\n");
    return y.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
