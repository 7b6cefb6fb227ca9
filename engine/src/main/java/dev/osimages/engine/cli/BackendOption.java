package dev.osimages.engine.cli;

import picocli.CommandLine.Option;

/**
 * {@code --backend}, for the commands that build declared cells ({@code run}, {@code
 * rebuild-check}).
 */
final class BackendOption {
  @Option(
      names = "--backend",
      paramLabel = "BACKEND",
      defaultValue = "chroot",
      description =
          "${COMPLETION-CANDIDATES}: chroot is daemonless (needs root), docker builds through the"
              + " daemon at DOCKER_HOST (default: ${DEFAULT-VALUE}).")
  Backends.Kind kind;
}
