package dev.osimages.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies the repository's shipped declaration with everything it names (templates, contexts, goss
 * suites, the provisioner and its inputs) into a test directory, so tests can change a copy without
 * touching the repository.
 */
public final class ShippedTree {
  /** The repository root as seen from the engine module's test working directory. */
  public static final Path REPO = Path.of("..");

  private ShippedTree() {}

  /** Copies the shipped tree into {@code dir} and returns the copied images.yaml. */
  public static Path copyTo(Path dir) throws IOException {
    for (String d : List.of("templates", "contexts", "goss", "provision")) {
      copyTree(REPO.resolve(d), dir.resolve(d));
    }
    Path file = dir.resolve("images.yaml");
    Files.copy(REPO.resolve("images.yaml"), file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  /** Copies a directory tree, keeping modes and symlinks as they are. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(t);
        } else {
          Files.copy(
              p, t, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }
}
