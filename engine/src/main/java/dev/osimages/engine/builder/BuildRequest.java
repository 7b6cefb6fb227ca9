package dev.osimages.engine.builder;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Hygiene;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to build: the cell (its id names events, logs and errors), its Dockerfile and context, the
 * build args, the bases that FROM references resolve to (keyed by the reference as written after
 * ARG substitution), the target stage (default: the last), whether to ignore the step cache, the
 * hygiene to apply to the result, and the tags and labels a backend that keeps images (Docker)
 * gives the result.
 */
public record BuildRequest(
    String cell,
    Path dockerfile,
    BuildContext context,
    Map<String, String> buildArgs,
    Map<String, Base> bases,
    Optional<String> targetStage,
    boolean noCache,
    Hygiene hygiene,
    List<String> tags,
    Map<String, String> labels) {
  public BuildRequest {
    buildArgs = Map.copyOf(buildArgs);
    bases = Map.copyOf(bases);
    tags = List.copyOf(tags);
    labels = Map.copyOf(labels);
  }

  /** A request without tags or labels. */
  public BuildRequest(
      String cell,
      Path dockerfile,
      BuildContext context,
      Map<String, String> buildArgs,
      Map<String, Base> bases,
      Optional<String> targetStage,
      boolean noCache,
      Hygiene hygiene) {
    this(
        cell,
        dockerfile,
        context,
        buildArgs,
        bases,
        targetStage,
        noCache,
        hygiene,
        List.of(),
        Map.of());
  }
}
