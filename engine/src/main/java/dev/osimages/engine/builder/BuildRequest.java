package dev.osimages.engine.builder;

import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.NetworkPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to build: the cell (its id names events, logs and errors), its Dockerfile and context, the
 * build args, the bases that FROM references resolve to (keyed by the reference as written after
 * ARG substitution), the target stage (default: the last), whether to ignore the step cache, the
 * hygiene to apply to the result, the tags and labels a backend that keeps images (Docker) gives
 * the result, the named contexts ({@code COPY --from=NAME}, {@code FROM NAME}) and the secrets
 * {@code RUN --mount=type=secret} may mount, by id, the network policy of its RUN steps (the
 * image's {@code network} settings with the command line's {@code --allow network.host}) and its
 * {@link Pinning} (SOURCE_DATE_EPOCH and archive access).
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
    Map<String, String> labels,
    Map<String, NamedContext> namedContexts,
    Map<String, BuildSecret> secrets,
    NetworkPolicy network,
    Pinning pinning) {
  public BuildRequest {
    buildArgs = Map.copyOf(buildArgs);
    bases = Map.copyOf(bases);
    tags = List.copyOf(tags);
    labels = Map.copyOf(labels);
    namedContexts = Map.copyOf(namedContexts);
    secrets = Map.copyOf(secrets);
  }

  /** A request without named contexts or secrets, its RUN steps on the default network. */
  public BuildRequest(
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
    this(
        cell,
        dockerfile,
        context,
        buildArgs,
        bases,
        targetStage,
        noCache,
        hygiene,
        tags,
        labels,
        Map.of(),
        Map.of());
  }

  /**
   * A request whose RUN steps get the default network, {@code host} refused, without pinning (no
   * SOURCE_DATE_EPOCH, direct archive access).
   */
  public BuildRequest(
      String cell,
      Path dockerfile,
      BuildContext context,
      Map<String, String> buildArgs,
      Map<String, Base> bases,
      Optional<String> targetStage,
      boolean noCache,
      Hygiene hygiene,
      List<String> tags,
      Map<String, String> labels,
      Map<String, NamedContext> namedContexts,
      Map<String, BuildSecret> secrets) {
    this(
        cell,
        dockerfile,
        context,
        buildArgs,
        bases,
        targetStage,
        noCache,
        hygiene,
        tags,
        labels,
        namedContexts,
        secrets,
        NetworkPolicy.UNSET,
        Pinning.NONE);
  }

  /** The same request with the network policy {@code n}. */
  public BuildRequest withNetwork(NetworkPolicy n) {
    return with(n, pinning);
  }

  /** The same request pinned to {@code p}. */
  public BuildRequest withPinning(Pinning p) {
    return with(network, p);
  }

  private BuildRequest with(NetworkPolicy n, Pinning p) {
    return new BuildRequest(
        cell,
        dockerfile,
        context,
        buildArgs,
        bases,
        targetStage,
        noCache,
        hygiene,
        tags,
        labels,
        namedContexts,
        secrets,
        n,
        p);
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
