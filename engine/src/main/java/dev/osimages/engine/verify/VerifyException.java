package dev.osimages.engine.verify;

import dev.osimages.engine.EngineException;

/** The verification could not run (no results from the guest, a tool missing); fails the cell. */
public final class VerifyException extends EngineException {
  public VerifyException(String message, int exitCode) {
    super(message, exitCode);
  }

  public VerifyException(String message, int exitCode, Throwable cause) {
    super(message, exitCode, cause);
  }
}
