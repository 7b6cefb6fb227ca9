package dev.osimages.engine.cli;

import picocli.CommandLine.Option;

/** {@code -q}, for the commands that stream the output of build steps. */
final class QuietOption {
  @Option(
      names = {"-q", "--quiet"},
      description =
          "Leave out the output of the processes a build runs (RUN steps, mmdebstrap); step"
              + " results, stages, warnings and the summary still print.")
  boolean quiet;
}
