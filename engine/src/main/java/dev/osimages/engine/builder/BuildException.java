package dev.osimages.engine.builder;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.util.List;

/** A failed build step: names the cell, the Dockerfile place and carries the last output lines. */
public final class BuildException extends EngineException {
  private final List<String> tail;

  /** A failure with its message and the last lines of output (may be empty). */
  public BuildException(String message, List<String> tail) {
    super(
        message + (tail.isEmpty() ? "" : "\nlast output:\n  " + String.join("\n  ", tail)),
        ExitCode.FAILED);
    this.tail = List.copyOf(tail);
  }

  /** A failure caused by {@code cause}. */
  public BuildException(String message, Throwable cause) {
    super(message, ExitCode.FAILED, cause);
    this.tail = List.of();
  }

  /** The last lines of the failing step's output. */
  public List<String> tail() {
    return tail;
  }
}
