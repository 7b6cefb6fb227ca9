package dev.osimages.engine.push;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.model.Output;
import dev.osimages.engine.registry.ImageRef;
import java.util.List;

/**
 * The references a set is pushed to: {@code <prefix>/<template>} for each tag template of {@code
 * output.registry}, with {@code {os}}, {@code {version}} and {@code {channel}} replaced. {@code
 * {channel}} is the tag-safe name of the channel: {@code stable}, the pull request's branch (as the
 * old pipeline tagged pull requests), or the release date.
 */
public final class PushTargets {
  private PushTargets() {}

  /**
   * The references for {@code cell} in {@code channel}; {@code prefix} overrides the declared one.
   */
  public static List<ImageRef> of(
      Cell cell, Channel channel, Output.Registry registry, String prefixOverride) {
    String given = prefixOverride.isEmpty() ? registry.prefix() : prefixOverride;
    if (given.isEmpty()) {
      throw new EngineException(
          "no registry to push to: set output.registry.prefix in the declaration or give"
              + " --registry HOST[:PORT]/PATH",
          ExitCode.INVALID);
    }
    String prefix = given.replaceAll("/+$", "");
    String ch = tagName(channel);
    return registry.tagTemplates().stream()
        .map(
            t ->
                ImageRef.parse(
                    prefix
                        + "/"
                        + t.replace("{os}", cell.os())
                            .replace("{version}", cell.version())
                            .replace("{channel}", ch)))
        .toList();
  }

  /** {@code stable}, the branch of {@code pull_requests/<n>-<branch>}, or the release date. */
  static String tagName(Channel channel) {
    String path = channel.path();
    if (path.startsWith("pull_requests/")) {
      String rest = path.substring("pull_requests/".length());
      return rest.substring(rest.indexOf('-') + 1);
    }
    return path;
  }
}
