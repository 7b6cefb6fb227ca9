package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.DockerfileException;
import dev.osimages.engine.dockerfile.DockerfileParser;
import dev.osimages.engine.dockerfile.RemoteSources;
import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.model.NamedContextSpec;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code engine plan}: the build order with input hashes and what the store already has. */
@Command(
    name = "plan",
    description = {
      "Print the build order with input hashes and what the image store already has.",
      "Bases come first; each cell shows its base, input hash, and whether the"
          + " artifact published in the store is up to date (its manifest records the same input"
          + " hash), changed, or not built.",
      "Cells marked (base) are not selected but needed by a selected cell.",
      "Below the table: each cell's named contexts, and every ADD of a URL without --checksum"
          + " (not pinned: what it fetches may change without the input hash changing)."
    })
final class PlanCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SelectionOptions selection;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Workspace.Loaded loaded = Workspace.load(common.file(), selection.toOptions());
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"#", "ID", "BASE", "INPUT HASH", "STORE"});
    int i = 1;
    for (PlannedCell p : loaded.plan().cells()) {
      rows.add(
          new String[] {
            String.valueOf(i++),
            p.cell().id() + (p.selected() ? "" : " (base)"),
            MatrixCommand.base(p.cell().base()),
            p.inputHash().substring(0, 12),
            state(p)
          });
    }
    PrintWriter out = spec.commandLine().getOut();
    loaded.profile().ifPresent(pr -> out.printf("profile %s: %s%n", pr.name(), pr.description()));
    out.print(Tables.render(rows));
    notes(out, loaded);
    out.flush();
    return ExitCode.OK.code();
  }

  /** Named contexts per cell, then unpinned downloads, each section only when it has lines. */
  private static void notes(PrintWriter out, Workspace.Loaded loaded) {
    Path dir = loaded.declaration().baseDir();
    List<String> named = new ArrayList<>();
    List<String> unpinned = new ArrayList<>();
    for (PlannedCell p : loaded.plan().cells()) {
      List<String> parts = new ArrayList<>();
      p.cell()
          .namedContexts()
          .forEach(
              (name, c) ->
                  parts.add(
                      name
                          + "="
                          + (c instanceof NamedContextSpec.Dir d
                              ? "dir " + dir.relativize(d.path())
                              : "cell " + ((NamedContextSpec.CellRef) c).id())));
      if (!parts.isEmpty()) {
        named.add("  " + p.cell().id() + ": " + String.join(", ", parts));
      }
      try {
        Dockerfile df = DockerfileParser.parse("Dockerfile", p.dockerfile());
        for (RemoteSources.Unpinned u : RemoteSources.unpinned(df)) {
          unpinned.add("  " + p.cell().id() + ": Dockerfile:" + u.line() + ": ADD " + u.url());
        }
      } catch (DockerfileException e) {
        // A Dockerfile this engine cannot read fails its build with the parser's message.
      }
    }
    if (!named.isEmpty()) {
      out.println("named contexts:");
      named.forEach(out::println);
    }
    if (!unpinned.isEmpty()) {
      out.println("not pinned (ADD of a URL without --checksum):");
      unpinned.forEach(out::println);
    }
  }

  private static String state(PlannedCell p) {
    Optional<String> published = ImageSet.publishedInputHash(p.cell().outputDir());
    if (published.isEmpty()) {
      return "not built";
    }
    return published.get().equals(p.inputHash()) ? "up to date" : "changed";
  }
}
