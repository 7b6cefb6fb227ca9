package dev.osimages.engine.run;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.RunNetworks;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.DockerfileException;
import dev.osimages.engine.dockerfile.DockerfileParser;
import dev.osimages.engine.plan.Plan;
import dev.osimages.engine.plan.PlannedCell;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code network.host} entitlement checked for a whole run before its first build: every RUN
 * step of every planned cell that would use the host's network without the entitlement is listed,
 * and the run stops with exit 2 (a configuration error, like the declaration's). The builders check
 * the same again for the stages they build; a Dockerfile that does not parse is left to its cell's
 * build, which reports it.
 */
public final class NetworkEntitlements {
  private NetworkEntitlements() {}

  /**
   * @param allowHost whether {@code --allow network.host} was given
   * @throws EngineException {@link ExitCode#INVALID} naming every refused use
   */
  public static void check(Plan plan, boolean allowHost) {
    List<String> refused = new ArrayList<>();
    for (PlannedCell p : plan.cells()) {
      Dockerfile df;
      try {
        df = DockerfileParser.parse("Dockerfile", p.dockerfile());
      } catch (DockerfileException e) {
        continue;
      }
      refused.addAll(
          RunNetworks.refusals(
              p.cell().id(), df, df.stages(), p.cell().network().allowingHost(allowHost)));
    }
    if (!refused.isEmpty()) {
      throw new EngineException(
          String.join("\n", refused) + "\nnothing was built.", ExitCode.INVALID);
    }
  }
}
