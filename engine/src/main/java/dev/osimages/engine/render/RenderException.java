package dev.osimages.engine.render;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;

/**
 * A template could not be rendered for a cell: a variable no arg or field provides, a value that
 * would inject a line into the Dockerfile, a partial that is missing or escapes its directory, or a
 * Mustache syntax error. The message names the template file (relative to the declaration's
 * directory), the line and the cell; a template problem is a configuration error, so the exit code
 * is {@link ExitCode#INVALID}.
 */
public final class RenderException extends EngineException {

  public RenderException(String message) {
    super(message, ExitCode.INVALID);
  }

  public RenderException(String message, Throwable cause) {
    super(message, ExitCode.INVALID, cause);
  }
}
