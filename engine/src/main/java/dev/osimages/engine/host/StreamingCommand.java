package dev.osimages.engine.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A tool started by {@link HostCommand#stream} whose stdout is read as a stream: read {@link
 * #stdout()} to its end, then {@link #await} its exit; {@link #close()} kills it if it still runs
 * and removes its message file.
 */
public final class StreamingCommand implements AutoCloseable {
  private final Process process;
  private final Path err;

  StreamingCommand(Process process, Path err) {
    this.process = process;
    this.err = err;
  }

  /** The tool's standard output. */
  public InputStream stdout() {
    return process.getInputStream();
  }

  /** Waits at most {@code timeout} for the exit: its code and messages; empty on a timeout. */
  public Optional<HostCommand.Captured> await(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return Optional.empty();
      }
      return Optional.of(
          new HostCommand.Captured(
              process.exitValue(), "", Files.readString(err, StandardCharsets.UTF_8)));
    } catch (InterruptedException e) {
      throw HostCommand.interrupted(process, List.of(process.info().command().orElse("tool")), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + err, e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      HostCommand.kill(process);
    }
    HostCommand.forget(process);
    err.toFile().delete();
  }
}
