package dev.osimages.engine.builder;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.Stage;
import dev.osimages.engine.model.NetworkMode;
import dev.osimages.engine.model.NetworkPolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The network each RUN step of a build gets under an image's {@link NetworkPolicy}, and the check
 * every backend makes before its first step: {@code host} (a step's {@code --network=host}, or
 * {@code network.default: host}) needs the {@code network.host} entitlement, as in BuildKit, which
 * the image's {@code network.allowHost} or the command line's {@code --allow network.host} gives.
 */
public final class RunNetworks {
  /** How to get the entitlement, for the refusals. */
  public static final String ALLOWANCE =
      "the network.host entitlement is missing (give --allow network.host, or set"
          + " network.allowHost: true for this image in images.yaml)";

  private RunNetworks() {}

  /** The mode {@code run} gets under {@code policy}. */
  public static NetworkMode of(Instruction.Run run, NetworkPolicy policy) {
    return policy.effective(run.network().flatMap(NetworkMode::of));
  }

  /**
   * One line per use of {@code host} in the RUN steps of {@code stages} that {@code policy} does
   * not allow, in Dockerfile order; empty when all is allowed.
   */
  public static List<String> refusals(
      String cell, Dockerfile df, List<Stage> stages, NetworkPolicy policy) {
    List<String> out = new ArrayList<>();
    if (policy.hostAllowed()) {
      return out;
    }
    boolean byDefault = false;
    for (Stage s : stages) {
      for (Instruction i : s.instructions()) {
        if (i instanceof Instruction.Run r && of(r, policy) == NetworkMode.HOST) {
          if (r.network().filter(n -> n.equals("host")).isPresent()) {
            out.add(
                cell
                    + ": "
                    + df.at(r.line())
                    + ": RUN --network=host is not allowed: "
                    + ALLOWANCE);
          } else {
            byDefault = true;
          }
        }
      }
    }
    if (byDefault) {
      out.add(
          0,
          policy.position() + ": " + cell + ": network.default host is not allowed: " + ALLOWANCE);
    }
    return out;
  }

  /**
   * The modes the RUN steps of {@code stages} use.
   *
   * @throws EngineException {@link ExitCode#INVALID} listing every refused use of {@code host}
   */
  public static Set<NetworkMode> check(
      String cell, Dockerfile df, List<Stage> stages, NetworkPolicy policy) {
    List<String> refused = refusals(cell, df, stages, policy);
    if (!refused.isEmpty()) {
      throw new EngineException(String.join("\n", refused), ExitCode.INVALID);
    }
    Set<NetworkMode> modes = EnumSet.noneOf(NetworkMode.class);
    for (Stage s : stages) {
      for (Instruction i : s.instructions()) {
        if (i instanceof Instruction.Run r) {
          modes.add(of(r, policy));
        }
      }
    }
    return modes;
  }
}
