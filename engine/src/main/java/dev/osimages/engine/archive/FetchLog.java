package dev.osimages.engine.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The record of what one cached thing (a bootstrap, a step layer) fetched when it was made, kept
 * beside it as {@code fetched.tsv} (one {@link Fetch} per line), so a build served from the cache
 * still knows its whole archive record.
 */
public final class FetchLog {
  /** The file name beside a bootstrap's rootfs or a layer's diff. */
  public static final String NAME = "fetched.tsv";

  private FetchLog() {}

  /** Writes {@code fetched} to {@code file} (nothing when empty). */
  public static void write(Path file, List<Fetch> fetched) {
    if (fetched.isEmpty()) {
      return;
    }
    try {
      Files.write(file, fetched.stream().map(Fetch::toLine).toList(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** What {@code file} records; empty when there is no such file. */
  public static List<Fetch> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank())
          .map(Fetch::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
