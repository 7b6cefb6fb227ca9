package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints a bash completion script: {@code source <(engine completion)}. */
@Command(
    name = "completion",
    description = "Print a bash completion script. Use: source <(bin/engine completion)")
final class CompletionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    spec.commandLine().getOut().print(AutoComplete.bash("engine", root));
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code();
  }
}
