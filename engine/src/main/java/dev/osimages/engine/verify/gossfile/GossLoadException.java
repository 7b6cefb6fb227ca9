package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;

/** A goss file could not be loaded (read, rendered, parsed, checked): goss exits 78 for this. */
public final class GossLoadException extends EngineException {
  /** goss's exit code for a load error. */
  public static final ExitCode EXIT_CODE = ExitCode.LOAD_ERROR;

  public GossLoadException(String message) {
    super(message, EXIT_CODE);
  }

  public GossLoadException(String message, Throwable cause) {
    super(message, EXIT_CODE, cause);
  }
}
