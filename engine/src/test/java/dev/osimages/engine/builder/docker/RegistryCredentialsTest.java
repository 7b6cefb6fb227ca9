package dev.osimages.engine.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.AuthConfig;
import dev.osimages.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {
  @Test
  void registryOf_hostsAreThoseWithADotAPortOrLocalhost_elseDockerHub() {
    assertThat(RegistryCredentials.registryOf("127.0.0.1:5000/test/base:1"))
        .isEqualTo("127.0.0.1:5000");
    assertThat(RegistryCredentials.registryOf("registry.example/team/img@sha256:" + "a".repeat(64)))
        .isEqualTo("registry.example");
    assertThat(RegistryCredentials.registryOf("localhost/img")).isEqualTo("localhost");
    assertThat(RegistryCredentials.registryOf("almalinux:9"))
        .isEqualTo(AuthConfig.DEFAULT_SERVER_ADDRESS);
    assertThat(RegistryCredentials.registryOf("library/almalinux:9"))
        .isEqualTo(AuthConfig.DEFAULT_SERVER_ADDRESS);
  }

  @Test
  void helper_perRegistryWinsOverTheStore(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("config.json"),
        "{\"credsStore\":\"secretservice\",\"credHelpers\":{\"127.0.0.1:5000\":\"ecr-login\"}}");
    assertThat(RegistryCredentials.helper(dir, "127.0.0.1:5000")).hasValue("ecr-login");
    assertThat(RegistryCredentials.helper(dir, "other.example")).hasValue("secretservice");
  }

  @Test
  void helper_noneWithoutConfigOrWithAuthsOnly(@TempDir Path dir) throws IOException {
    assertThat(RegistryCredentials.helper(dir, "127.0.0.1:5000")).isEmpty();
    Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"127.0.0.1:5000\":{}}}");
    assertThat(RegistryCredentials.helper(dir, "127.0.0.1:5000")).isEmpty();
  }

  @Test
  void helper_aNameThatIsNoProgramNameIsRefused(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"credsStore\":\"../../bin/sh\"}");
    assertThatThrownBy(() -> RegistryCredentials.helper(dir, "x.example"))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("credential helper name '../../bin/sh' is not valid");
  }

  @Test
  void fromHelper_thatCannotBeRun_saysWhich() {
    assertThatThrownBy(() -> RegistryCredentials.fromHelper("osimages-absent", "x.example"))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("names the credential helper osimages-absent for x.example")
        .hasMessageContaining("docker-credential-osimages-absent cannot be run");
  }
}
