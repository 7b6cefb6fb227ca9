package dev.osimages.engine.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.AuthConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigDirTest {
  @Test
  void configDir_withHome_isHomesDotDockerAsTheDockerCliReadsIt() {
    assertThat(DockerDaemon.configDir(Map.of("HOME", "/home/ci"))).isEqualTo("/home/ci/.docker");
  }

  @Test
  void configDir_withDockerConfig_winsOverHome() {
    assertThat(DockerDaemon.configDir(Map.of("HOME", "/home/ci", "DOCKER_CONFIG", "/etc/creds")))
        .isEqualTo("/etc/creds");
  }

  @Test
  void configDir_blankDockerConfig_isUnset() {
    assertThat(DockerDaemon.configDir(Map.of("HOME", "/home/ci", "DOCKER_CONFIG", " ")))
        .isEqualTo("/home/ci/.docker");
  }

  @Test
  void configDir_withNeither_leavesDockerJavasDefault() {
    assertThat(DockerDaemon.configDir(Map.of())).isNull();
  }

  @Test
  void clientConfig_authsOfHostAndPort_giveThatRegistrysCredentials(@TempDir Path home)
      throws Exception {
    Files.createDirectories(home.resolve(".docker"));
    // "builder:s3cret" and "other:pw"
    Files.writeString(
        home.resolve(".docker/config.json"),
        "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"YnVpbGRlcjpzM2NyZXQ=\"},"
            + "\"https://index.docker.io/v1/\":{\"auth\":\"b3RoZXI6cHc=\"}},"
            + "\"credsStore\":\"unused\"}");
    String dir = DockerDaemon.configDir(Map.of("HOME", home.toString()));
    AuthConfig auth =
        DockerDaemon.clientConfig("unix:///x.sock", "1.41", dir)
            .effectiveAuthConfig("127.0.0.1:5000/test/base:1");
    assertThat(auth.getUsername()).isEqualTo("builder");
    assertThat(auth.getPassword()).isEqualTo("s3cret");
    assertThat(auth.getRegistryAddress()).isEqualTo("127.0.0.1:5000");
  }
}
