package dev.osimages.engine;

/**
 * The engine's process exit codes, defined once. Every {@link EngineException} carries one; the CLI
 * maps everything else to {@link #INTERNAL}. README.md documents the same table.
 */
public enum ExitCode {
  /** Everything asked for succeeded. */
  OK(0),
  /** A build, export, push or verification failed (or a verification check failed). */
  FAILED(1),
  /** The declaration or the command line is invalid; nothing was written. */
  INVALID(2),
  /** A booted verification did not pass before its retry timeout (as goss). */
  RETRY_TIMEOUT(3),
  /** The environment lacks something the command needs (root, a tool, a daemon, a credential). */
  ENVIRONMENT(4),
  /** An internal error: a bug in the engine (as sysexits' EX_SOFTWARE). */
  INTERNAL(70),
  /** A goss suite could not be loaded or rendered (as goss). */
  LOAD_ERROR(78),
  /** Interrupted by SIGINT or SIGTERM; cleanup ran. */
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The number the process exits with. */
  public int code() {
    return code;
  }
}
