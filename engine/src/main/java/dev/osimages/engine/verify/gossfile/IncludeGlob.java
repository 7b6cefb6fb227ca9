package dev.osimages.engine.verify.gossfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Expands a gossfile include (Go's filepath.Glob): relative to a directory, sorted. */
final class IncludeGlob {
  private IncludeGlob() {}

  static List<Path> expand(Path dir, String pattern) {
    Path base = dir.resolve(pattern).normalize();
    if (!pattern.matches(".*[*?\\[].*")) {
      return Files.isRegularFile(base) ? List.of(base) : List.of();
    }
    // Walk from the deepest directory without wildcards, matching the whole pattern.
    Path root = base;
    while (root.getParent() != null && root.toString().matches(".*[*?\\[].*")) {
      root = root.getParent();
    }
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + base);
    int depth = base.getNameCount() - root.getNameCount();
    try (Stream<Path> s = Files.walk(root, depth)) {
      return s.filter(p -> m.matches(p) && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      if (!Files.exists(root)) {
        return List.of();
      }
      throw new UncheckedIOException(e);
    }
  }
}
