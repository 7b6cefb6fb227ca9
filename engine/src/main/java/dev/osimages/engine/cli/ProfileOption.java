package dev.osimages.engine.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --profile NAME}, shared by every command that expands the matrix. */
final class ProfileOption {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Apply this profile of the declaration (profiles:) to every cell: its args rank above"
              + " every level of images.yaml and below --set. Default: none.")
  String profile;

  Optional<String> name() {
    return Optional.ofNullable(profile);
  }
}
