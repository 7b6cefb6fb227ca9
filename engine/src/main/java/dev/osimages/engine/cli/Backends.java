package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.chroot.ChrootBuilder;
import dev.osimages.engine.builder.docker.DockerBuilder;
import dev.osimages.engine.builder.docker.DockerDaemon;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.run.BuildPins;
import dev.osimages.engine.run.CellBuilds;
import dev.osimages.engine.state.StateDir;
import dev.osimages.engine.state.StateLock;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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

  /** Cell builds with the backend {@code name} (chroot or docker) for a loaded declaration. */
  static CellBuilds builds(
      String name, Workspace.Loaded loaded, StateDir state, boolean noCache, EventListener events) {
    return builds(name, loaded, state, noCache, events, Optional.empty());
  }

  /** As above, pinned to {@code pins} (SOURCE_DATE_EPOCH, archive access). */
  static CellBuilds builds(
      String name,
      Workspace.Loaded loaded,
      StateDir state,
      boolean noCache,
      EventListener events,
      Optional<BuildPins> pins) {
    switch (name) {
      case "chroot":
        return chrootBuilds(loaded, state, noCache, events, pins);
      case "docker":
        return dockerBuilds(loaded, state, noCache, events, pins);
      default:
        throw new EngineException(
            "--backend " + name + ": expected chroot or docker", ExitCode.INVALID);
    }
  }

  /**
   * Cell builds through the Docker daemon at DOCKER_HOST (no root needed to build; bootstrapped
   * bases are still made with mmdebstrap, which does). Fails at once when the daemon is not there.
   */
  static CellBuilds dockerBuilds(
      Workspace.Loaded loaded,
      StateDir state,
      boolean noCache,
      EventListener events,
      Optional<BuildPins> pins) {
    DockerDaemon daemon = DockerDaemon.fromEnvironment();
    return new CellBuilds(
        new DockerBuilder(daemon, state.bases(), state.logs()),
        loaded.plan(),
        state.root().resolve("rendered"),
        noCache,
        loaded.declaration().hygiene().cleanApt(),
        events,
        pins);
  }

  /** Cell builds with the daemonless backend for a loaded declaration. */
  static CellBuilds chrootBuilds(
      Workspace.Loaded loaded, StateDir state, boolean noCache, EventListener events) {
    return chrootBuilds(loaded, state, noCache, events, Optional.empty());
  }

  /** As above, pinned to {@code pins}. */
  static CellBuilds chrootBuilds(
      Workspace.Loaded loaded,
      StateDir state,
      boolean noCache,
      EventListener events,
      Optional<BuildPins> pins) {
    requireRoot("the chroot backend");
    return new CellBuilds(
        new ChrootBuilder(state),
        loaded.plan(),
        state.root().resolve("rendered"),
        noCache,
        loaded.declaration().hygiene().cleanApt(),
        events,
        pins);
  }
}
