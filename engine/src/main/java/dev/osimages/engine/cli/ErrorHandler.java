package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.InvalidDeclarationException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns exceptions escaping a command into one clear message and an exit code. A stack trace is
 * printed only with {@code --stacktrace}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean trace = stacktrace(parseResult);
    if (ex instanceof EngineException ee) {
      // Declaration problems are whole lines of their own (file:line:col: ...), which editors
      // and CI annotators parse; every other failure is one sentence from the engine.
      err.println(
          ex instanceof InvalidDeclarationException
              ? ee.getMessage()
              : "engine: " + ee.getMessage());
      if (trace) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ee.exitCode();
    }
    err.println("engine: internal error: " + ex);
    if (trace) {
      ex.printStackTrace(err);
    } else {
      err.println("Run again with --stacktrace to see where.");
    }
    err.flush();
    return ExitCode.INTERNAL.code();
  }

  /** Whether {@code --stacktrace} was given, before the subcommand or after it. */
  static boolean stacktrace(CommandLine.ParseResult parseResult) {
    boolean trace = false;
    for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      trace |= pr.hasMatchedOption("--stacktrace");
    }
    return trace;
  }
}
