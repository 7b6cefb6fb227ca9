package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.state.Leftovers;
import dev.osimages.engine.state.StateDir;
import dev.osimages.engine.state.StateLock;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --state-dir}, for every command that uses the build state (caches, logs, locks). */
final class StateDirOption {
  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Build state: step and base caches, results, logs (default: $ENGINE_STATE_DIR, else"
              + " /var/lib/osimages).")
  Path dir;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** The state directory, not locked: for reading only. */
  StateDir unlocked() {
    return dir == null ? StateDir.fromEnvironment() : new StateDir(dir);
  }

  /**
   * The state directory, locked for this command: another engine process using it is waited for,
   * and said so on the command's error stream (see {@link StateLock}); the lock is released when
   * the command ends ({@link Main#run}). Taking it first in this process means no engine works
   * there, so what is left in it is a killed engine's and is removed ({@link Leftovers}).
   */
  StateDir locked() {
    StateDir state = unlocked();
    PrintWriter err = mixee.commandLine().getErr();
    try {
      boolean first =
          StateLock.acquire(
              state,
              message -> {
                err.println("engine: " + message);
                err.flush();
              });
      if (first) {
        sweep(state, err);
      }
    } catch (UncheckedIOException e) {
      throw new EngineException(
          e.getMessage() + ": " + e.getCause().getMessage(), ExitCode.ENVIRONMENT, e);
    }
    return state;
  }

  private static void sweep(StateDir state, PrintWriter err) {
    List<Path> removed = Leftovers.sweep(state);
    if (!removed.isEmpty()) {
      err.println(
          "engine: removed "
              + removed.size()
              + " leftovers of an interrupted engine (temporary files, mounts) from "
              + state.root());
      err.flush();
    }
  }
}
