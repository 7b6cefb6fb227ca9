package dev.osimages.engine.cli;

import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.plan.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --only}, {@code --except}, {@code --set}, {@code --channel} and {@code --profile}, shared
 * by commands.
 */
final class SelectionOptions {
  @Option(
      names = "--only",
      paramLabel = "GLOB",
      description =
          "Work on the cells whose id matches (repeatable; * stays within one path segment,"
              + " e.g. 'debian/*'). Bases they need are planned too.")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--except",
      paramLabel = "GLOB",
      description = "Leave out the cells whose id matches (repeatable).")
  List<String> except = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      converter = OptionTypes.Key.class,
      description =
          "Override the build arg KEY for every cell, over everything the declaration says"
              + " (repeatable).")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      description =
          "The store channel the images publish into (and plan compares with): stable,"
              + " pr:<number>-<branch> or release:<YYYYMMDD> (default: output.channel of the"
              + " declaration).")
  Channel channel;

  @Mixin ProfileOption profile = new ProfileOption();

  /** The options as the workspace takes them. */
  Workspace.Options toOptions() {
    return new Workspace.Options(
        set, Optional.ofNullable(channel), Selection.of(only, except), profile.name());
  }
}
