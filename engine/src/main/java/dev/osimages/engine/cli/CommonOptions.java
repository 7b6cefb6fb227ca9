package dev.osimages.engine.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every declaration-reading command shares: the declaration file. */
public final class CommonOptions {
  @Option(
      names = {"-f", "--file"},
      paramLabel = "PATH",
      defaultValue = "images.yaml",
      description =
          "The declaration (default: ${DEFAULT-VALUE}). Paths inside it resolve relative to its"
              + " directory.")
  Path file;

  /** The declaration path as the operator gave it (messages name it this way). */
  public Path file() {
    return file;
  }
}
