package dev.osimages.engine;

/**
 * An expected failure with a message fit for the operator (it names the file, cell and step) and
 * the exit code the CLI should use. Stages throw subclasses; the CLI prints the message.
 */
public class EngineException extends RuntimeException {
  private final ExitCode exitCode;

  public EngineException(String message, ExitCode exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public EngineException(String message, ExitCode exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The exit code this failure maps to. */
  public ExitCode exit() {
    return exitCode;
  }

  /** The process exit code this failure maps to. */
  public int exitCode() {
    return exitCode.code();
  }
}
