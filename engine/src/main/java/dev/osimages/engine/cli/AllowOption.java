package dev.osimages.engine.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --allow ENTITLEMENT}, as BuildKit's: privileges a build may use only when granted. The one
 * entitlement here is {@code network.host}: RUN steps on the host's network ({@code
 * --network=host}, or an image's {@code network.default: host}), shared by build and run.
 */
final class AllowOption {
  /** The entitlements {@code --allow} grants, spelled as BuildKit spells them. */
  enum Entitlement {
    /** RUN steps may use the host's network namespace. */
    NETWORK_HOST("network.host");

    private final String spelling;

    Entitlement(String spelling) {
      this.spelling = spelling;
    }

    @Override
    public String toString() {
      return spelling;
    }
  }

  @Option(
      names = "--allow",
      paramLabel = "ENTITLEMENT",
      description =
          "Grant an entitlement to every image built (repeatable): ${COMPLETION-CANDIDATES}."
              + " network.host: RUN steps may use the host's network (RUN --network=host,"
              + " network.default: host), its loopback services included; without it they are"
              + " refused (or allow it per image with network.allowHost in images.yaml).")
  List<Entitlement> allow = new ArrayList<>();

  /** Whether {@code network.host} was granted. */
  boolean networkHost() {
    return allow.contains(Entitlement.NETWORK_HOST);
  }
}
