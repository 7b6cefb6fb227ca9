package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.chroot.ChrootBuilder;
import dev.osimages.engine.builder.docker.DockerBuilder;
import dev.osimages.engine.builder.docker.DockerDaemon;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.run.CellBuilds;
import dev.osimages.engine.state.StateDir;
import java.util.Locale;

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

  /** Cell builds with the backend {@code kind} for a loaded declaration. */
  static CellBuilds builds(
      Kind kind, Workspace.Loaded loaded, StateDir state, boolean noCache, EventListener events) {
    return switch (kind) {
      case CHROOT -> chrootBuilds(loaded, state, noCache, events);
      case DOCKER -> dockerBuilds(loaded, state, noCache, events);
    };
  }

  /**
   * Cell builds through the Docker daemon at DOCKER_HOST (no root needed to build; bootstrapped
   * bases are still made with mmdebstrap, which does). Fails at once when the daemon is not there.
   */
  static CellBuilds dockerBuilds(
      Workspace.Loaded loaded, StateDir state, boolean noCache, EventListener events) {
    DockerDaemon daemon = DockerDaemon.fromEnvironment();
    return new CellBuilds(
        new DockerBuilder(daemon, state.bases(), state.logs()),
        loaded.plan(),
        state.root().resolve("rendered"),
        noCache,
        loaded.declaration().hygiene().cleanApt(),
        events);
  }

  /** Cell builds with the daemonless backend for a loaded declaration. */
  static CellBuilds chrootBuilds(
      Workspace.Loaded loaded, StateDir state, boolean noCache, EventListener events) {
    requireRoot("the chroot backend");
    return new CellBuilds(
        new ChrootBuilder(state),
        loaded.plan(),
        state.root().resolve("rendered"),
        noCache,
        loaded.declaration().hygiene().cleanApt(),
        events);
  }
}
