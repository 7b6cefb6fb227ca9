package dev.osimages.engine.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code RUN --network=...} as BuildKit's Dockerfile frontend reads it. */
class RunNetworkFlagTest {
  private static Instruction.Run run(String line) {
    Dockerfile df = DockerfileParser.parse("Dockerfile", "FROM scratch\n" + line + "\n");
    return (Instruction.Run) df.stages().get(0).instructions().get(0);
  }

  @Test
  void networkFlag_isKeptBesideTheCommand_inShellAndExecForm() {
    Instruction.Run shell = run("RUN --network=none apt-get install -y foo");
    assertThat(shell.network()).contains("none");
    assertThat(shell.command().args()).containsExactly("apt-get install -y foo");
    Instruction.Run exec = run("RUN --network=host [\"/bin/true\"]");
    assertThat(exec.network()).contains("host");
    assertThat(exec.command().exec()).isTrue();
    assertThat(run("RUN --network=default true").network()).contains("default");
    assertThat(run("RUN true").network()).isEqualTo(Optional.empty());
  }

  @Test
  void unknownMode_isErrorNamingLineAndModes() {
    assertThatThrownBy(() -> run("RUN --network=bridge true"))
        .hasMessage(
            "Dockerfile:2: RUN --network=bridge: invalid network mode (expected default, none or"
                + " host)");
  }

  @Test
  void variable_isNotExpanded_asInBuildKit() {
    assertThatThrownBy(() -> run("RUN --network=$NET true"))
        .hasMessageContaining("RUN --network=$NET: invalid network mode");
  }

  @Test
  void otherFlags_stayRefused() {
    assertThatThrownBy(() -> run("RUN --security=insecure true"))
        .hasMessage("Dockerfile:2: RUN --security is not supported by this engine");
  }
}
