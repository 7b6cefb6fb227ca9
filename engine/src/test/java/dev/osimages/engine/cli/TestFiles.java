package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** What the end-to-end CLI tests share: copying a test declaration, running a shell line. */
final class TestFiles {
  private TestFiles() {}

  /** Copies {@code src/test/resources/<name>} (a declaration with its files) into {@code to}. */
  static void copyResources(String name, Path to) throws IOException {
    Path from = Path.of("src", "test", "resources", name);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Runs {@code script} with sh in {@code dir}; fails the test unless it exits 0. */
  static String sh(Path dir, String script) throws Exception {
    Process p =
        new ProcessBuilder("sh", "-c", script)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(script + ": " + out).isZero();
    return out;
  }
}
