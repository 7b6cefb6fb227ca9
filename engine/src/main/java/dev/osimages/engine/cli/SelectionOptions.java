package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
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
      description = "Override an arg for every cell; the highest precedence (repeatable).")
  List<String> set = new ArrayList<>();

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      description =
          "Publish into this channel: stable, pr:<number>-<branch> or release:<YYYYMMDD>"
              + " (default: output.channel of the declaration).")
  String channel;

  @Mixin ProfileOption profile = new ProfileOption();

  /** The options as the workspace takes them; a malformed value is an error naming the option. */
  Workspace.Options toOptions() {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String kv : set) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new EngineException("--set '" + kv + "': expected KEY=VALUE", ExitCode.INVALID);
      }
      overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    Optional<Channel> ch;
    try {
      ch = Optional.ofNullable(channel).map(Channel::parse);
    } catch (IllegalArgumentException e) {
      throw new EngineException("--channel " + e.getMessage(), ExitCode.INVALID);
    }
    return new Workspace.Options(overrides, ch, Selection.of(only, except), profile.name());
  }
}
