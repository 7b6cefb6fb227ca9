package dev.osimages.engine.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.DockerfileParser;
import dev.osimages.engine.model.NetworkMode;
import dev.osimages.engine.model.NetworkPolicy;
import dev.osimages.engine.model.SourcePosition;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunNetworksTest {
  private static final Dockerfile DF =
      DockerfileParser.parse(
          "Dockerfile",
          "FROM scratch AS a\nRUN --network=host true\nFROM scratch\nRUN true\n"
              + "RUN --network=none true\nRUN --network=host false\n");
  private static final SourcePosition AT = new SourcePosition("images.yaml", 7, 14);

  @Test
  void hostWithoutEntitlement_isRefusedPerStep_namingCellAndLine() {
    assertThat(RunNetworks.refusals("c/1", DF, DF.stages(), NetworkPolicy.UNSET))
        .containsExactly(
            "c/1: Dockerfile:2: RUN --network=host is not allowed: " + RunNetworks.ALLOWANCE,
            "c/1: Dockerfile:6: RUN --network=host is not allowed: " + RunNetworks.ALLOWANCE);
    assertThatThrownBy(() -> RunNetworks.check("c/1", DF, DF.stages(), NetworkPolicy.UNSET))
        .isInstanceOf(EngineException.class)
        .extracting(e -> ((EngineException) e).exit())
        .isEqualTo(ExitCode.INVALID);
  }

  @Test
  void onlyTheStagesBuilt_areChecked() {
    assertThat(RunNetworks.refusals("c/1", DF, DF.stages().subList(0, 1), NetworkPolicy.UNSET))
        .hasSize(1);
  }

  @Test
  void hostDefaultWithoutEntitlement_namesTheDeclarationsPlace() {
    NetworkPolicy host = new NetworkPolicy(Optional.of(NetworkMode.HOST), Optional.empty(), AT);
    assertThat(RunNetworks.refusals("c/1", DF, DF.stages().subList(1, 2), host))
        .containsExactly(
            "images.yaml:7:14: c/1: network.default host is not allowed: " + RunNetworks.ALLOWANCE,
            "c/1: Dockerfile:6: RUN --network=host is not allowed: " + RunNetworks.ALLOWANCE);
  }

  @Test
  void entitlement_allowsHost_andCheckReturnsTheModesUsed() {
    assertThat(RunNetworks.check("c/1", DF, DF.stages(), NetworkPolicy.UNSET.allowingHost(true)))
        .containsExactlyInAnyOrder(NetworkMode.HOST, NetworkMode.DEFAULT, NetworkMode.NONE);
  }
}
