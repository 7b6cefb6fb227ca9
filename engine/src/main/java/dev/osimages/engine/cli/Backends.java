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
import dev.osimages.engine.state.StateLock;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Builds the backend objects the build, verify and run commands share. */
final class Backends {
  private Backends() {}

  /**
   * The state directory (the option's value, else $ENGINE_STATE_DIR, else the default), locked for
   * this command: another engine process using it is waited for (see {@link StateLock}); the lock
   * is released when the command ends ({@link Main#run}).
   */
  static StateDir state(Path option) {
    StateDir state = option == null ? StateDir.fromEnvironment() : new StateDir(option);
    try {
      StateLock.acquire(state, message -> System.err.println("engine: " + message));
    } catch (UncheckedIOException e) {
      throw new EngineException(
          e.getMessage() + ": " + e.getCause().getMessage(), ExitCode.ENVIRONMENT, e);
    }
    return state;
  }

  /** Fails unless the process runs as root, which the chroot backend needs. */
  static void requireRoot(String what) {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new EngineException(
          what + " needs root (namespaces, overlayfs, chroot)", ExitCode.ENVIRONMENT);
    }
  }

  /**
   * Opens the builder a {@code --backend} name stands for. The engine's own is {@link
   * Backends#builder}; {@link Main#run(PrintWriter, PrintWriter, BuilderSource, String...)} takes
   * another, which is how a test puts a builder of its own under the real command line.
   */
  @FunctionalInterface
  interface BuilderSource {
    Builder open(String backend, StateDir state);
  }

  /**
   * The builder of the backend {@code name}: chroot (needs root) or docker (the daemon at
   * DOCKER_HOST, asked for its version first, so an absent daemon fails before any work).
   */
  static Builder builder(String name, StateDir state) {
    switch (name) {
      case "chroot":
        requireRoot("the chroot backend");
        return new ChrootBuilder(state);
      case "docker":
        return new DockerBuilder(DockerDaemon.fromEnvironment(), state.bases(), state.logs());
      default:
        throw new EngineException(
            "--backend " + name + ": expected chroot or docker", ExitCode.INVALID);
    }
  }

  /**
   * {@code builder}, pulling registry bases as {@code registry} says when it is the chroot backend
   * (a test's own builder is left as it is).
   */
  static Builder withRegistry(Builder builder, StateDir state, RegistryOptions registry) {
    return builder instanceof ChrootBuilder c ? c.withPuller(registry.puller(state)) : builder;
  }

  /** Cell builds with the backend {@code name} (chroot or docker) for a loaded declaration. */
  static CellBuilds builds(
      String name, Workspace.Loaded loaded, StateDir state, boolean noCache, EventListener events) {
    return builds(builder(name, state), loaded, state, noCache, events);
  }

  /** Cell builds with the daemonless backend for a loaded declaration. */
  static CellBuilds chrootBuilds(
      Workspace.Loaded loaded, StateDir state, boolean noCache, EventListener events) {
    return builds("chroot", loaded, state, noCache, events);
  }

  /** Cell builds with {@code builder} for a loaded declaration. */
  static CellBuilds builds(
      Builder builder,
      Workspace.Loaded loaded,
      StateDir state,
      boolean noCache,
      EventListener events) {
    return builds(builder, loaded, state, noCache, events, Optional.empty());
  }

  /** As above, pinned to {@code pins} (SOURCE_DATE_EPOCH, archive access). */
  static CellBuilds builds(
      Builder builder,
      Workspace.Loaded loaded,
      StateDir state,
      boolean noCache,
      EventListener events,
      Optional<BuildPins> pins) {
    return new CellBuilds(
        builder,
        loaded.plan(),
        state.root().resolve("rendered"),
        noCache,
        loaded.declaration().hygiene(),
        secrets(loaded.declaration()),
        events,
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
