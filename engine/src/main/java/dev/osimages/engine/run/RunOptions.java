package dev.osimages.engine.run;

import dev.osimages.engine.signing.SigningKey;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the per-cell pipeline needs from the command line beyond its collaborators: whether to
 * rebuild cells that are up to date, how many threads compress an export, where a result kept by a
 * daemon (the Docker backend) is unpacked for verification, and the key published sets are signed
 * with (none: unsigned). (Parallel cells, the step cache and the target override are given to the
 * scheduler, the builds and the verification directly.)
 */
public record RunOptions(
    boolean force, int exportThreads, Path scratch, Optional<SigningKey> signingKey) {
  /** Options without a signing key. */
  public RunOptions(boolean force, int exportThreads, Path scratch) {
    this(force, exportThreads, scratch, Optional.empty());
  }
}
