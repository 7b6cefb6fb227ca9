package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.LogLine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The per-cell build log ({@code logs/<cell>/<time>.log}, {@code latest.log} links to the newest)
 * and the live output: every line goes to the file and out as a {@link LogLine} event.
 */
final class BuildLog implements AutoCloseable {
  private final Path file;
  private final BufferedWriter out;
  private final String cell;
  private final EventListener events;

  BuildLog(Path logs, String cell, EventListener events) {
    this.cell = cell;
    this.events = events;
    try {
      Path dir = logs.resolve(cell.replaceAll("[^A-Za-z0-9._-]", "_"));
      Files.createDirectories(dir);
      String stamp = Instant.now().toString().replace(":", "");
      file = dir.resolve(stamp + ".log");
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      Path latest = dir.resolve("latest.log");
      Files.deleteIfExists(latest);
      Files.createSymbolicLink(latest, file.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the build log under " + logs, e);
    }
  }

  Path file() {
    return file;
  }

  /** A sink for one step's output lines, tagged {@code source} in events. */
  Consumer<String> sink(String source) {
    return line -> {
      events.on(new LogLine(cell, source, line));
      write(line);
    };
  }

  synchronized void write(String line) {
    try {
      out.write(line);
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build log " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the build log " + file, e);
    }
  }
}
