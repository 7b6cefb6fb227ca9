package dev.osimages.engine.cli;

/** The engine's exit codes, defined once. README.md documents the same table; keep them in step. */
public final class ExitCodes {
  /** Everything asked for succeeded. */
  public static final int OK = 0;

  /** A build, export or verification failed (or a verification check failed). */
  public static final int FAILED = 1;

  /** The declaration or the command line is invalid; nothing was written. */
  public static final int INVALID = 2;

  /** A booted verification did not pass before its retry timeout (as goss). */
  public static final int RETRY_TIMEOUT = 3;

  /** The environment lacks something the command needs (root, a tool, a daemon). */
  public static final int ENVIRONMENT = 4;

  /** Interrupted by SIGINT or SIGTERM; cleanup ran. */
  public static final int INTERRUPTED = 130;

  /** A goss suite could not be loaded or rendered (as goss). */
  public static final int LOAD_ERROR = 78;

  /** An internal error: a bug in the engine. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
