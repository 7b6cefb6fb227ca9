package dev.osimages.engine.cli;

import dev.osimages.engine.InvalidDeclarationException;
import dev.osimages.engine.declaration.DeclarationLoader;
import dev.osimages.engine.declaration.LoadedDeclaration;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Problem;
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
    description = "Check the declaration: YAML, schema, image ids and bases, files it names.")
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadedDeclaration loaded;
    try {
      loaded = DeclarationLoader.load(common.file());
    } catch (InvalidDeclarationException e) {
      // The problems are the whole message: print them as lines of their own, unprefixed, so
      // editors and CI annotators can parse file:line:col.
      err.println(e.getMessage());
      err.flush();
      return e.exitCode();
    }
    for (Problem w : loaded.warnings()) {
      err.println(w.format());
    }
    err.flush();
    Declaration d = loaded.declaration();
    int cells =
        d.distros().stream().mapToInt(x -> x.versions().size()).sum()
            + d.variants().stream().mapToInt(v -> v.bases().size()).sum();
    out.printf(
        "%s: valid (%d distros, %d variants, %d cells)%n",
        common.file(), d.distros().size(), d.variants().size(), cells);
    out.flush();
    return ExitCodes.OK;
  }
}
