package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code engine} command; each subcommand is its own class. */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    // Every subcommand, including those added later, gets --help and --version.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = EngineVersion.class,
    description = {
      "Builds bare-metal machine OS images from one declarative images.yaml: checks it, expands"
          + " the image matrix, renders a Dockerfile per image, builds, exports, verifies and"
          + " publishes each image. Commands that only read (validate, matrix, render, plan,"
          + " diff) need no root."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      ValidateCommand.class,
      MatrixCommand.class,
      RenderCommand.class,
      PlanCommand.class,
      BuildCommand.class,
      ExportCommand.class,
      ChecksumCommand.class,
      SbomCommand.class,
      SignCommand.class,
      VerifySignatureCommand.class,
      VerifyCommand.class,
      DiffCommand.class,
      ReleaseCommand.class,
      CacheCommand.class,
      RunCommand.class,
      PullCommand.class,
      PushCommand.class,
      FetchCommand.class,
      RebuildCheckCommand.class,
      CompletionCommand.class
    })
public final class EngineCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--stacktrace",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of an unexpected error (for bug reports).")
  boolean stacktrace;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /**
   * Builds the configured command line, writing to the given streams; {@code engine run} opens its
   * builders through {@code builders}.
   */
  static CommandLine commandLine(
      PrintWriter out, PrintWriter err, Backends.BuilderSource builders) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine cmd =
        new CommandLine(
            new EngineCommand(),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                return type == RunCommand.class
                    ? type.cast(new RunCommand(builders))
                    : defaults.create(type);
              }
            });
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    OptionTypes.register(cmd);
    cmd.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          // picocli 4.7 says "Value for option option '--set'" of a KEY=VALUE without "=".
          c.getErr().println("engine: " + ex.getMessage().replace("option option", "option"));
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          }
          return ExitCode.INVALID.code();
        });
    return cmd;
  }
}
