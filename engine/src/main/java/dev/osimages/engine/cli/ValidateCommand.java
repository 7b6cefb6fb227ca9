package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.plan.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code engine validate}: loads and checks the declaration, prints its warnings and a one-line
 * summary; on errors prints them all, sorted by position, and exits 2.
 */
@Command(
    name = "validate",
    description = {
      "Check the declaration and print every problem in it at once.",
      "Checks the YAML, the schema, image ids and bases, the files it names, and its"
          + " templates against its args (every cell is rendered; nothing is written).",
      "Prints every problem at once as file:line:col: path: message and exits 2 on an error."
    })
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin ProfileOption profile;

  @Override
  public Integer call() {
    Workspace.Loaded loaded =
        Workspace.load(common.file(), Workspace.Options.DEFAULT.withProfile(profile.name()));
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    Declaration d = loaded.declaration();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%s: valid (%d distros, %d variants, %d cells)%n",
        common.file(), d.distros().size(), d.variants().size(), loaded.cells().size());
    out.flush();
    return ExitCode.OK.code();
  }
}
