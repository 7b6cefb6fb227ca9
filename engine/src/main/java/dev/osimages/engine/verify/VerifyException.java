package dev.osimages.engine.verify;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;

/** The verification could not run (no results from the guest, a tool missing); fails the cell. */
public final class VerifyException extends EngineException {
  public VerifyException(String message, ExitCode exitCode) {
    super(message, exitCode);
  }

  public VerifyException(String message, ExitCode exitCode, Throwable cause) {
    super(message, exitCode, cause);
  }
}
