package dev.osimages.engine.repro;

import dev.osimages.engine.host.HostCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Explains differing members with diffoscope (Debian's {@code diffoscope} package), when it is
 * installed: only the members whose content differs are extracted from each tarball (GNU tar, LZ4
 * through the {@code lz4} tool), into {@code first/} and {@code second/}, and diffoscope compares
 * the two trees into a text report. Whole images are far too large for diffoscope to compare in a
 * useful time.
 */
public final class Diffoscope {
  private static final Path TOOL = Path.of("/usr/bin/diffoscope");

  private Diffoscope() {}

  /** True when diffoscope is installed. */
  public static boolean available() {
    return Files.isExecutable(TOOL);
  }

  /**
   * Writes {@code dir/diffoscope.txt} explaining {@code members} (tar names) of the two tarballs;
   * empty when diffoscope is not installed or there is nothing to explain.
   */
  public static Optional<Path> explain(
      Path first, Path second, List<String> members, Path dir, Consumer<String> lines) {
    if (!available() || members.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path list = dir.resolve("members.txt");
      Files.createDirectories(dir);
      Files.write(list, members, StandardCharsets.UTF_8);
      Path a = extract(first, list, dir.resolve("first"), lines);
      Path b = extract(second, list, dir.resolve("second"), lines);
      Path report = dir.resolve("diffoscope.txt");
      // Exit 1 means "differences found", the expected outcome; 2 is diffoscope's own failure.
      HostCommand.Result r =
          HostCommand.run(
              List.of(
                  TOOL.toString(),
                  "--no-progress",
                  "--exclude-directory-metadata=yes",
                  "--text",
                  report.toString(),
                  a.toString(),
                  b.toString()),
              null,
              Map.of(),
              lines);
      return r.exitCode() <= 1 && Files.exists(report) ? Optional.of(report) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare diffoscope's input in " + dir, e);
    }
  }

  private static Path extract(Path tarball, Path list, Path into, Consumer<String> lines)
      throws IOException {
    Files.createDirectories(into);
    List<String> argv =
        new ArrayList<>(
            List.of(
                "tar",
                "--extract",
                "--file=" + tarball,
                "--directory=" + into,
                "--no-same-owner",
                "--no-same-permissions",
                "--ignore-failed-read",
                "--verbatim-files-from",
                "--files-from=" + list));
    if (tarball.getFileName().toString().endsWith(".lz4")) {
      argv.add("--use-compress-program=lz4");
    }
    // Members missing from one side are fine: diffoscope reports them as such.
    HostCommand.run(argv, null, Map.of(), lines);
    return into;
  }
}
