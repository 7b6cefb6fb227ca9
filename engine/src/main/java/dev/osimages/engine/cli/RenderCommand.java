package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engine render}: writes each selected cell's rendered Dockerfile. */
@Command(
    name = "render",
    description = {
      "Render the Dockerfile of each selected cell to DIR/<os>/<version>/Dockerfile.",
      "Every cell is rendered before anything is written, so an error writes nothing."
    })
final class RenderCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SelectionOptions selection;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "out/rendered",
      description = "Where to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Workspace.Loaded loaded = Workspace.load(common.file(), selection.toOptions());
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    PrintWriter stdout = spec.commandLine().getOut();
    for (PlannedCell p : loaded.plan().selected()) {
      Path file = out.resolve(p.cell().os()).resolve(p.cell().version()).resolve("Dockerfile");
      try {
        AtomicFiles.write(file, p.dockerfile());
      } catch (IOException e) {
        throw new EngineException(
            "render " + p.cell().id() + ": writing " + file + ": " + e.getMessage(),
            ExitCode.FAILED,
            e);
      }
      stdout.println(file);
    }
    stdout.flush();
    return ExitCode.OK.code();
  }
}
