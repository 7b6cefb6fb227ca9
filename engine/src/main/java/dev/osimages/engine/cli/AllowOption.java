package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --allow ENTITLEMENT}, as BuildKit's: privileges a build may use only when granted. The one
 * entitlement here is {@code network.host}: RUN steps on the host's network ({@code
 * --network=host}, or an image's {@code network.default: host}), shared by build and run.
 */
final class AllowOption {
  static final String NETWORK_HOST = "network.host";

  @Option(
      names = "--allow",
      paramLabel = "ENTITLEMENT",
      description =
          "Grant an entitlement to every image built (repeatable). network.host: RUN steps may use"
              + " the host's network (RUN --network=host, network.default: host), its loopback"
              + " services included; without it they are refused (or allow it per image with"
              + " network.allowHost in images.yaml).")
  List<String> allow = new ArrayList<>();

  /** Whether {@code network.host} was granted; any other entitlement is an error (exit 2). */
  boolean networkHost() {
    for (String a : allow) {
      if (!a.equals(NETWORK_HOST)) {
        throw new EngineException(
            "--allow " + a + ": unknown entitlement (expected " + NETWORK_HOST + ")",
            ExitCode.INVALID);
      }
    }
    return !allow.isEmpty();
  }
}
