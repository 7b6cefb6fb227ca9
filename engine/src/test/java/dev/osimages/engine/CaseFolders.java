package dev.osimages.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Golden-file corpora keep one folder per case: their names, sorted, for parameterized tests. */
public final class CaseFolders {
  private CaseFolders() {}

  /** The names of the folders directly under {@code corpus}, sorted. */
  public static Stream<String> names(Path corpus) throws IOException {
    try (Stream<Path> dirs = Files.list(corpus)) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }
}
