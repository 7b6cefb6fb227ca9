package dev.osimages.engine.builder.docker;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.RunNetworks;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.Stage;
import dev.osimages.engine.model.NetworkMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network of a build by the daemon's classic builder, which has one mode for all RUN steps (the
 * {@code /build} API's {@code networkmode}) and refuses every RUN flag. The image's default mode
 * becomes the build's: {@code default} the daemon's default network (its bridge with NAT; a daemon
 * started with {@code --bridge=none} gives no outside access), {@code none}, or {@code host}
 * (entitled). A step's {@code --network} is blanked out of the Dockerfile sent to the daemon (line
 * numbers stay): a step asking for the build's mode gets it; a {@code none} step in a build with
 * network runs with that network, with a warning (it is not proven offline as with the chroot
 * backend); a {@code host} step in a build that is not {@code host} is refused.
 *
 * @param mode the build's {@code networkmode}
 * @param dockerfile the Dockerfile text to send
 * @param warnings one line per step that runs with more network than it asked for
 */
record BuildNetwork(String mode, String dockerfile, List<String> warnings) {
  private static final Pattern FLAG = Pattern.compile("--network=\\S*");

  /**
   * The network of {@code req}'s build of {@code df}, whose text is {@code text}.
   *
   * @throws EngineException {@link ExitCode#INVALID} for {@code host} not entitled or not the
   *     build's mode
   */
  static BuildNetwork of(BuildRequest req, Dockerfile df, String text) {
    RunNetworks.check(req.cell(), df, df.stages(), req.network());
    NetworkMode build = req.network().mode();
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    List<String> warnings = new ArrayList<>();
    for (Stage s : df.stages()) {
      for (Instruction i : s.instructions()) {
        if (!(i instanceof Instruction.Run r) || r.network().isEmpty()) {
          continue;
        }
        NetworkMode step = RunNetworks.of(r, req.network());
        String where = req.cell() + ": " + df.at(r.line()) + ": RUN --network=" + r.network().get();
        if (step == NetworkMode.HOST && build != NetworkMode.HOST) {
          throw new EngineException(
              where
                  + ": the Docker backend's classic builder runs all steps in one network mode,"
                  + " this build's is "
                  + build.spelling()
                  + " (network.default); --backend chroot gives each step its own",
              ExitCode.INVALID);
        }
        if (step != build) {
          warnings.add(where + " runs with the build's network (" + build.spelling() + ")");
        }
        blank(lines, r.line() - 1, where);
      }
    }
    return new BuildNetwork(build.spelling(), String.join("\n", lines), warnings);
  }

  /** Replaces the first {@code --network=...} from line {@code from} on by spaces. */
  private static void blank(List<String> lines, int from, String where) {
    for (int n = from; n < lines.size(); n++) {
      Matcher m = FLAG.matcher(lines.get(n));
      if (m.find()) {
        lines.set(n, m.replaceFirst(Matcher.quoteReplacement(" ".repeat(m.end() - m.start()))));
        return;
      }
    }
    throw new IllegalStateException(where + ": the flag is not in the Dockerfile's text");
  }
}
