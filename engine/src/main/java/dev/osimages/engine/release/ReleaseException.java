package dev.osimages.engine.release;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;

/** A release could not be made; nothing was left behind. Exit code 1. */
public final class ReleaseException extends EngineException {
  public ReleaseException(String message) {
    super("release: " + message, ExitCode.FAILED);
  }
}
