package dev.osimages.engine.dockerfile;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;

/** A Dockerfile that cannot be parsed or uses what this engine does not support; names the line. */
public final class DockerfileException extends EngineException {
  /** Exit code 2: the input is invalid, nothing was built. */
  public DockerfileException(String file, int line, String message) {
    super(file + ":" + line + ": " + message, ExitCode.INVALID);
  }
}
