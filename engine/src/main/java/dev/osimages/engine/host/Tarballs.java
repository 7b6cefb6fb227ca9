package dev.osimages.engine.host;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Extracts tar archives with GNU tar into an empty directory, keeping owners, modes and extended
 * attributes (file capabilities). GNU tar refuses members with {@code ..}, strips leading {@code
 * /}, and creates links whose targets are absolute or climb with {@code ..} only after all other
 * members, so no member can be written through a link out of the directory; extracting into an
 * empty directory means no pre-existing link can be abused either.
 */
public final class Tarballs {
  private Tarballs() {}

  /**
   * Extracts {@code archive} (any compression GNU tar detects, and LZ4 frames for a name ending in
   * {@code .lz4}, which GNU tar does not detect) into the empty {@code dir}.
   */
  public static void extract(Path archive, Path dir, Consumer<String> lines) {
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isPresent()) {
        throw new IllegalStateException("extraction target is not empty: " + dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    HostCommand.Result r =
        HostCommand.run(
            Stream.of(
                    "tar",
                    "--extract",
                    "--file=" + archive,
                    "--directory=" + dir,
                    "--numeric-owner",
                    "--same-owner",
                    "--same-permissions",
                    "--xattrs",
                    "--xattrs-include=*",
                    archive.toString().endsWith(".lz4") ? "--use-compress-program=lz4" : "")
                .filter(a -> !a.isEmpty())
                .toList(),
            null,
            Map.of(),
            lines);
    if (!r.ok()) {
      throw new EngineException(
          "cannot extract "
              + archive
              + " (tar exit "
              + r.exitCode()
              + "): "
              + String.join("\n  ", r.tail()),
          ExitCode.FAILED);
    }
  }
}
