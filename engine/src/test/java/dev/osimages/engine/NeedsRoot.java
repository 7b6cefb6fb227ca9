package dev.osimages.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Integration tests that need root (namespaces, mounts, chroot, device nodes, a Docker daemon) call
 * {@link #assume} first: run as another user they are skipped, saying what needed root, instead of
 * failing half-way. CI runs as root, so there they always run.
 */
public final class NeedsRoot {
  private NeedsRoot() {}

  /** Skips the calling test, or the whole class from a @BeforeAll, unless this process is root. */
  public static void assume(String why) {
    assume(uid(), why);
  }

  static void assume(int uid, String why) {
    Assumptions.assumeTrue(
        uid == 0, () -> "skipped: needs root (" + why + "); this process runs as uid " + uid);
  }

  private static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
