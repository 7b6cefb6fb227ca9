package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.json.JsonWriter;
import dev.osimages.engine.matrix.DependencyGraph;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.TestAssignment;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engine matrix}: the expanded cells as a table, JSON, or a GitHub Actions matrix. */
@Command(
    name = "matrix",
    description = {
      "List the cells of the expanded matrix in build order (bases first).",
      "table: for people; json: every resolved field; github: {\"include\":[...]} for a CI"
          + " workflow's strategy.matrix; gitlab: a child pipeline, one parallel:matrix job per"
          + " level with needs on the level before, and a release job.",
      "A cell's level is 0 when it starts from a bootstrap or a registry image, and its base"
          + " cell's level + 1 when it is derived: the cells of one level can be built at once, on"
          + " separate machines, once the level before is pushed."
    })
final class MatrixCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SelectionOptions selection;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--level",
      paramLabel = "N",
      description = "Only the selected cells of level N (0: on a bootstrap or registry base).")
  Integer level;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum Format {
    table,
    json,
    github,
    gitlab
  }

  @Override
  public Integer call() {
    Workspace.Loaded loaded = Workspace.load(common.file(), selection.toOptions());
    PrintWriter out = spec.commandLine().getOut();
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    DependencyGraph graph = new DependencyGraph(loaded.cells());
    List<PlannedCell> cells =
        loaded.plan().selected().stream()
            .filter(c -> level == null || graph.level(c.cell().id()) == level)
            .toList();
    switch (format) {
      case json ->
          out.print(
              JsonWriter.ordered(2)
                  .write(cells.stream().map(c -> describe(c, loaded, graph)).toList()));
      case github ->
          out.println(
              JsonWriter.ordered(-1)
                  .write(Map.of("include", cells.stream().map(c -> entry(c, graph)).toList())));
      case gitlab ->
          out.print(
              GitlabPipeline.render(
                  cells.stream().map(c -> c.cell().id()).toList(),
                  id -> graph.level(id),
                  loaded.declaration().output().channel()));
      default -> out.print(table(cells));
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private static Map<String, Object> entry(PlannedCell p, DependencyGraph graph) {
    Cell c = p.cell();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("os", c.os());
    m.put("version", c.version());
    m.put("base", DependencyGraph.baseOf(c).orElse(""));
    m.put("level", graph.level(c.id()));
    return m;
  }

  private static Map<String, Object> describe(
      PlannedCell p, Workspace.Loaded loaded, DependencyGraph graph) {
    Cell c = p.cell();
    Path dir = loaded.declaration().baseDir();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("os", c.os());
    m.put("version", c.version());
    m.put("distro", c.distro());
    m.put("base", base(c.base()));
    m.put("packageManager", c.packageManager().yamlName());
    m.put("template", dir.relativize(c.template()).toString());
    m.put("contexts", c.contexts().stream().map(x -> dir.relativize(x).toString()).toList());
    m.put("output", c.outputDir().toString());
    m.put("tags", c.tags());
    m.put("args", c.args());
    List<Object> tests = new ArrayList<>();
    for (TestAssignment t : c.tests()) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("name", t.name());
      tm.put("suite", dir.relativize(t.gossfile()).toString());
      tm.put("targets", t.targets().stream().map(x -> x.yamlName()).toList());
      tm.put("vars", t.vars());
      tests.add(tm);
    }
    m.put("tests", tests);
    m.put("inputHash", p.inputHash());
    m.put("level", graph.level(c.id()));
    return m;
  }

  static String base(Base base) {
    if (base instanceof Base.Bootstrap b) {
      return "bootstrap:" + b.suite() + "/" + b.variant();
    }
    if (base instanceof Base.Registry r) {
      return "image:" + r.reference();
    }
    return "cell:" + ((Base.CellRef) base).id();
  }

  private static String table(List<PlannedCell> cells) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "BASE", "PKG", "TESTS"});
    for (PlannedCell p : cells) {
      Cell c = p.cell();
      rows.add(
          new String[] {
            c.id(),
            base(c.base()),
            c.packageManager().yamlName(),
            String.join(
                ", ",
                c.tests().stream()
                    .map(
                        t ->
                            t.name()
                                + "@"
                                + String.join(
                                    "+", t.targets().stream().map(x -> x.yamlName()).toList()))
                    .toList())
          });
    }
    return Tables.render(rows);
  }
}
