package dev.osimages.engine.registry;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a registry operation again after a transient failure (HTTP 429, a 5xx, a connection that
 * broke), waiting 1 s, 2 s, 4 s between four attempts; anything else fails at once, and so does a
 * host that cannot be resolved (there is nothing to wait for).
 */
final class Retries {
  static final int ATTEMPTS = 4;
  private final Duration first;

  Retries(Duration first) {
    this.first = first;
  }

  /** The engine's schedule: 1 s, then doubling. */
  static Retries standard() {
    return new Retries(Duration.ofSeconds(1));
  }

  <T> T run(Supplier<T> op) {
    Duration wait = first;
    for (int attempt = 1; ; attempt++) {
      try {
        return op.get();
      } catch (RegistryException e) {
        if (attempt == ATTEMPTS
            || !e.transientFailure()
            || e.getMessage().contains("cannot resolve")) {
          throw e;
        }
      }
      sleep(wait);
      wait = wait.multipliedBy(2);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while waiting to retry", ExitCode.INTERRUPTED, e);
    }
  }
}
