package dev.osimages.engine.release;

import dev.osimages.engine.EngineException;

/** A release could not be made; nothing was left behind. Exit code 1. */
public final class ReleaseException extends EngineException {
  public ReleaseException(String message) {
    super("release: " + message, 1);
  }
}
