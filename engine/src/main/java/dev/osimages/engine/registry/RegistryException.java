package dev.osimages.engine.registry;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;

/**
 * A registry operation that failed: the message names the reference and says what the registry (or
 * the network, or TLS) answered, in one line. {@link #status} is the HTTP status, 0 when no answer
 * came.
 */
public final class RegistryException extends EngineException {
  private final int status;

  public RegistryException(String message, int status, ExitCode code, Throwable cause) {
    super(message, code, cause);
    this.status = status;
  }

  public RegistryException(String message, int status) {
    this(message, status, ExitCode.FAILED, null);
  }

  /** The HTTP status, 0 when the registry did not answer. */
  public int status() {
    return status;
  }

  /** True for a status worth another try: 429 and 5xx, or no answer at all. */
  boolean transientFailure() {
    return status == 0 || status == 429 || status >= 500;
  }
}
