package dev.osimages.engine.build;

import dev.osimages.engine.base.Base;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What to build: the cell (its id names events, logs and errors), its Dockerfile and context, the
 * build args, the bases that FROM references resolve to (keyed by the reference as written after
 * ARG substitution), the target stage (default: the last), whether to ignore the step cache, and
 * the hygiene to apply to the result.
 */
public record BuildRequest(
    String cell,
    Path dockerfile,
    BuildContext context,
    Map<String, String> buildArgs,
    Map<String, Base> bases,
    Optional<String> targetStage,
    boolean noCache,
    Hygiene hygiene) {
  public BuildRequest {
    buildArgs = Map.copyOf(buildArgs);
    bases = Map.copyOf(bases);
  }
}
