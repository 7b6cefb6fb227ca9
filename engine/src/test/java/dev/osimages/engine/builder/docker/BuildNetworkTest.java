package dev.osimages.engine.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.dockerfile.DockerfileParser;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.NetworkMode;
import dev.osimages.engine.model.NetworkPolicy;
import dev.osimages.engine.model.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The classic builder's one network mode per build, from the image's policy and RUN flags. */
class BuildNetworkTest {
  private static BuildNetwork of(String text, NetworkPolicy policy) {
    BuildRequest req =
        new BuildRequest(
                "c/1",
                Path.of("/ctx/Dockerfile"),
                BuildContext.of(List.of()),
                Map.of(),
                Map.<String, Base>of(),
                Optional.empty(),
                false,
                Hygiene.NONE)
            .withNetwork(policy);
    return BuildNetwork.of(req, DockerfileParser.parse("Dockerfile", text), text);
  }

  private static NetworkPolicy mode(NetworkMode m, boolean allowHost) {
    return new NetworkPolicy(
        Optional.of(m), Optional.of(allowHost), new SourcePosition("images.yaml", 2, 3));
  }

  @Test
  void imageDefault_isTheBuildsMode_andTextWithoutFlagsIsSentAsIs() {
    String text = "FROM scratch\nRUN true\n";
    assertThat(of(text, NetworkPolicy.UNSET).mode()).isEqualTo("default");
    assertThat(of(text, NetworkPolicy.UNSET).dockerfile()).isEqualTo(text);
    assertThat(of(text, mode(NetworkMode.NONE, false)).mode()).isEqualTo("none");
    assertThat(of(text, mode(NetworkMode.HOST, true)).mode()).isEqualTo("host");
  }

  @Test
  void flags_areBlankedKeepingLines_andNoneInANetworkedBuildWarns() {
    String text =
        "FROM scratch\nRUN --network=default true\nRUN \\\n  --network=none  ls\nRUN echo"
            + " --network=x\n";
    BuildNetwork n = of(text, NetworkPolicy.UNSET);
    assertThat(n.dockerfile())
        .isEqualTo(
            "FROM scratch\nRUN "
                + " ".repeat("--network=default".length())
                + " true\nRUN \\\n  "
                + " ".repeat("--network=none".length())
                + "  ls\nRUN echo --network=x\n");
    assertThat(n.warnings())
        .containsExactly(
            "c/1: Dockerfile:3: RUN --network=none runs with the build's network (default)");
  }

  @Test
  void hostStep_inABuildThatIsNotHost_isRefusedEvenWhenAllowed() {
    String text = "FROM scratch\nRUN --network=host true\n";
    assertThatThrownBy(() -> of(text, NetworkPolicy.UNSET.allowingHost(true)))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith(
            "c/1: Dockerfile:2: RUN --network=host: the Docker backend's classic builder runs all"
                + " steps in one network mode, this build's is default")
        .extracting(e -> ((EngineException) e).exit())
        .isEqualTo(ExitCode.INVALID);
    assertThat(of(text, mode(NetworkMode.HOST, true)).warnings()).isEmpty();
  }

  @Test
  void hostWithoutEntitlement_isRefusedFirst() {
    assertThatThrownBy(() -> of("FROM scratch\nRUN true\n", mode(NetworkMode.HOST, false)))
        .hasMessageStartingWith("images.yaml:2:3: c/1: network.default host is not allowed");
  }
}
