package dev.osimages.engine.verify.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A running container or VM whose probe writes into a host file (bound dir or serial port). */
final class FileSession implements TargetSession {
  private final Workdir workdir;
  private ManagedProcess process;
  private final Path results;
  private final Path console;
  private final Thread hook = new Thread(this::close, "verify-session-cleanup");
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  FileSession(Workdir workdir, ManagedProcess process, Path results, Path console) {
    this.workdir = workdir;
    this.process = process;
    this.results = results;
    this.console = console;
    // Ctrl-C: stop the system and delete the workdir (a VM disk is hundreds of MB).
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public String results() {
    return read(results);
  }

  @Override
  public boolean running() {
    return process.alive();
  }

  @Override
  public String consoleLog() {
    return read(console);
  }

  private static String read(Path p) {
    try {
      return Files.exists(p)
          ? new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8)
          : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the running process (a VM restarted under another accelerator), emptying the logs. */
  void restart(IoSupplier<ManagedProcess> next) throws IOException {
    process.close();
    Files.write(results, new byte[0]);
    Files.write(console, new byte[0]);
    process = next.get();
  }

  /** A supplier that may fail with an IOException. */
  interface IoSupplier<T> {
    T get() throws IOException;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down: this close runs from the hook itself
    }
    process.close();
    workdir.close();
  }
}
