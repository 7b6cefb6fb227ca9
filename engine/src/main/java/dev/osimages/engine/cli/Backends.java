package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.build.chroot.ChrootBuilder;
import dev.osimages.engine.build.chroot.StateDir;
import dev.osimages.engine.build.chroot.StateLock;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.run.CellBuilds;
import java.io.UncheckedIOException;
import java.nio.file.Path;

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
          e.getMessage() + ": " + e.getCause().getMessage(), ExitCodes.ENVIRONMENT, e);
    }
    return state;
  }

  /** Fails unless the process runs as root, which the chroot backend needs. */
  static void requireRoot(String what) {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new EngineException(
          what + " needs root (namespaces, overlayfs, chroot)", ExitCodes.ENVIRONMENT);
    }
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
