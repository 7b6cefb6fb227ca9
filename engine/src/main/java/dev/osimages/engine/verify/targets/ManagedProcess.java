package dev.osimages.engine.verify.targets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process (unshare, systemd-nspawn, qemu) that is always cleaned up: on {@link #close}, on
 * timeout and on Ctrl-C (a shutdown hook). Closing asks politely (SIGTERM: nspawn powers the
 * container off, qemu exits), then kills the whole process tree it collected.
 */
final class ManagedProcess implements AutoCloseable {
  private final Process process;
  private final Thread hook;

  private ManagedProcess(Process process) {
    this.process = process;
    this.hook = new Thread(this::kill, "verify-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts a command with stdout and stderr appended to a log file. */
  static ManagedProcess start(List<String> command, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return new ManagedProcess(pb.start());
  }

  /** Starts a command with stdout and stderr in separate files. */
  static ManagedProcess start(List<String> command, Path out, Path err) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return new ManagedProcess(pb.start());
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for exit up to a timeout; returns the exit code or -1 when still running. */
  int waitFor(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running this very cleanup
    }
  }

  private void kill() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
