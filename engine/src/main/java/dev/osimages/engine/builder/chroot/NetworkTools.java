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
 * slirp4netns} connects a {@link NetworkMode#DEFAULT} step to the outside; {@code socat} forwards
 * such a step's connections to the archive proxy of a pinned build. A missing one fails the build
 * before its first step, naming the Debian package to install.
 */
record NetworkTools(Optional<Path> ip, Optional<Path> slirp4netns, Optional<Path> forwarder) {
  /** No private network needed (every step uses the host's). */
  static final NetworkTools NONE =
      new NetworkTools(Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * The tools the {@code modes} in use need, looked up in {@code path} (a PATH value); {@code
   * proxied}: apt goes through the archive proxy.
   *
   * @throws EngineException {@link ExitCode#ENVIRONMENT} naming the missing tool's package
   */
  static NetworkTools find(Set<NetworkMode> modes, String path, boolean proxied) {
    boolean isolated = modes.contains(NetworkMode.DEFAULT) || modes.contains(NetworkMode.NONE);
    Optional<Path> ip =
        isolated
            ? Optional.of(require("ip", "iproute2", "none or default", path))
            : Optional.empty();
    Optional<Path> slirp =
        modes.contains(NetworkMode.DEFAULT)
            ? Optional.of(require("slirp4netns", "slirp4netns", "default", path))
            : Optional.empty();
    Optional<Path> forwarder =
        proxied && modes.contains(NetworkMode.DEFAULT)
            ? Optional.of(require("socat", "socat", "default in a pinned build", path))
            : Optional.empty();
    return new NetworkTools(ip, slirp, forwarder);
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
