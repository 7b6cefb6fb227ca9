package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.model.NetworkMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The host tools a RUN step's private network needs, found on PATH before the build starts: {@code
 * ip} (iproute2) brings up loopback and configures IPv6 in every private namespace; {@code
 * slirp4netns} connects a {@link NetworkMode#DEFAULT} step to the outside. A missing one fails the
 * build before its first step, naming the Debian package to install.
 */
record NetworkTools(Optional<Path> ip, Optional<Path> slirp4netns) {
  /** No private network needed (every step uses the host's). */
  static final NetworkTools NONE = new NetworkTools(Optional.empty(), Optional.empty());

  /**
   * The tools the {@code modes} in use need, looked up in {@code path} (a PATH value).
   *
   * @throws EngineException {@link ExitCode#ENVIRONMENT} naming the missing tool's package
   */
  static NetworkTools find(Set<NetworkMode> modes, String path) {
    boolean isolated = modes.contains(NetworkMode.DEFAULT) || modes.contains(NetworkMode.NONE);
    Optional<Path> ip =
        isolated
            ? Optional.of(require("ip", "iproute2", "none or default", path))
            : Optional.empty();
    Optional<Path> slirp =
        modes.contains(NetworkMode.DEFAULT)
            ? Optional.of(require("slirp4netns", "slirp4netns", "default", path))
            : Optional.empty();
    return new NetworkTools(ip, slirp);
  }

  private static Path require(String tool, String pkg, String modes, String path) {
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return p;
      }
    }
    throw new EngineException(
        "RUN steps with network "
            + modes
            + " need "
            + tool
            + ", which is not on PATH; install the Debian package "
            + pkg,
        ExitCode.ENVIRONMENT);
  }
}
