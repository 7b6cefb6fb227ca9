package dev.osimages.engine.build;

import dev.osimages.engine.EngineException;
import java.util.List;

/** A failed build step: names the cell, the Dockerfile place and carries the last output lines. */
public final class BuildException extends EngineException {
  private final List<String> tail;

  /** A failure with its message and the last lines of output (may be empty). */
  public BuildException(String message, List<String> tail) {
    super(message + (tail.isEmpty() ? "" : "\nlast output:\n  " + String.join("\n  ", tail)), 1);
    this.tail = List.copyOf(tail);
  }

  /** A failure caused by {@code cause}. */
  public BuildException(String message, Throwable cause) {
    super(message, 1, cause);
    this.tail = List.of();
  }

  /** The last lines of the failing step's output. */
  public List<String> tail() {
    return tail;
  }
}
