package dev.osimages.engine.cli;

import dev.osimages.engine.state.StateLock;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Process entry point. {@link #run(PrintWriter, PrintWriter, String...)} is what tests drive
 * in-process; {@link #main(String[])} only binds it to the real terminal and exits.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command line and returns its exit code; writes only to {@code out} and {@code err}.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, Backends::builder, args);
  }

  /** {@link #run(PrintWriter, PrintWriter, String...)} with the builders {@code builders} opens. */
  static int run(
      PrintWriter out, PrintWriter err, Backends.BuilderSource builders, String... args) {
    CommandLine cmd = EngineCommand.commandLine(out, err, builders);
    try {
      return cmd.execute(args);
    } finally {
      StateLock.releaseAcquired(); // the state directory a build, run or verify locked
    }
  }
}
