package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.builder.Builder;
import dev.osimages.engine.builder.chroot.ChrootBuilder;
import dev.osimages.engine.builder.docker.DockerBuilder;
import dev.osimages.engine.builder.docker.DockerDaemon;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.SecretSpec;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.run.BuildPins;
import dev.osimages.engine.run.CellBuilds;
import dev.osimages.engine.state.StateDir;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds the backend objects the build, verify and run commands share. */
final class Backends {
  private Backends() {}

  /** Fails unless the process runs as root, which the chroot backend needs. */
  static void requireRoot(String what) {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new EngineException(
          what + " needs root (namespaces, overlayfs, chroot)", ExitCode.ENVIRONMENT);
    }
  }

  /** The build backends {@code --backend} names. */
  enum Kind {
    /** Daemonless: namespaces, overlayfs and chroot; needs root. */
    CHROOT,
    /** The Docker daemon at DOCKER_HOST. */
    DOCKER;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Opens the builder of a backend. The engine's own is {@link Backends#builder}; {@link
   * Main#run(PrintWriter, PrintWriter, BuilderSource, String...)} takes another, which is how a
   * test puts a builder of its own under the real command line.
   */
  @FunctionalInterface
  interface BuilderSource {
    Builder open(Kind backend, StateDir state);
  }

  /**
   * The builder of the backend {@code kind}: chroot (needs root) or docker (the daemon at
   * DOCKER_HOST, asked for its version first, so an absent daemon fails before any work;
   * bootstrapped bases are still made with mmdebstrap, which needs root).
   */
  static Builder builder(Kind kind, StateDir state) {
    return switch (kind) {
      case CHROOT -> {
        requireRoot("the chroot backend");
        yield new ChrootBuilder(state);
      }
      case DOCKER -> new DockerBuilder(DockerDaemon.fromEnvironment(), state.bases(), state.logs());
    };
  }

  /**
   * {@code builder}, pulling registry bases as {@code registry} says when it is the chroot backend
   * (a test's own builder is left as it is).
   */
  static Builder withRegistry(Builder builder, StateDir state, RegistryOptions registry) {
    return builder instanceof ChrootBuilder c ? c.withPuller(registry.puller(state)) : builder;
  }

  /**
   * Cell builds with the daemonless backend for a loaded declaration, pinned as {@code engine run}
   * pins them without pin options (the declaration's SOURCE_DATE_EPOCH, the archive through the
   * recording proxy): the same cache keys, so {@code verify ID} finds the tree a run built.
   */
  static CellBuilds chrootBuilds(
      Workspace.Loaded loaded, StateDir state, boolean noCache, EventListener events) {
    java.util.OptionalLong epoch =
        dev.osimages.engine.plan.SourceDateEpoch.resolve(
                loaded.declaration(), java.util.OptionalLong.empty())
            .seconds();
    return builds(
        builder(Kind.CHROOT, state),
        loaded,
        state,
        noCache,
        events,
        false,
        Optional.of(new PinOptions().pins(epoch, state)));
  }

  /**
   * Cell builds with {@code builder} for a loaded declaration; {@code allowHost}: {@code --allow
   * network.host} was given; pinned to {@code pins} when given (SOURCE_DATE_EPOCH, archive access).
   */
  static CellBuilds builds(
      Builder builder,
      Workspace.Loaded loaded,
      StateDir state,
      boolean noCache,
      EventListener events,
      boolean allowHost,
      Optional<BuildPins> pins) {
    return new CellBuilds(
        builder,
        loaded.plan(),
        state.root().resolve("rendered"),
        noCache,
        loaded.declaration().hygiene(),
        secrets(loaded.declaration()),
        events,
        allowHost,
        pins);
  }

  /** The declaration's secrets as builds take them (relative files resolved against it). */
  static Map<String, BuildSecret> secrets(Declaration d) {
    Map<String, BuildSecret> out = new LinkedHashMap<>();
    d.secrets()
        .forEach(
            (id, s) ->
                out.put(
                    id,
                    s instanceof SecretSpec.File f
                        ? new BuildSecret.FromFile(d.baseDir().resolve(f.path()).normalize())
                        : new BuildSecret.FromEnv(((SecretSpec.Env) s).variable())));
    return out;
  }
}
