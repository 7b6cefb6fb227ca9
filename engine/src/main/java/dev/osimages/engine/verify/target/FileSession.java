package dev.osimages.engine.verify.target;

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

  FileSession(Workdir workdir, ManagedProcess process, Path results, Path console) {
    this.workdir = workdir;
    this.process = process;
    this.results = results;
    this.console = console;
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
    process.close();
    try {
      workdir.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + workdir.path(), e);
    }
  }
}
