package dev.osimages.engine.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The messages for daemon failures a test daemon cannot provoke on demand (the real ones are
 * covered by DockerBackendIT: no daemon, a refused API version, a failing step).
 */
class DockerDaemonErrorsTest {
  @Test
  void refusedApiVersion_namesBothVersionsAndTheFix() {
    EngineException e =
        DaemonErrors.connect(
            "unix:///run/docker.sock",
            "1.41",
            new BadRequestException(
                "Status 400: {\"message\":\"client version 1.41 is too new. Maximum supported API"
                    + " version is 1.40\"}\n"));
    assertThat(e.getMessage())
        .isEqualTo(
            "the Docker daemon at unix:///run/docker.sock does not speak API version 1.41 (its"
                + " newest is 1.40); set DOCKER_API_VERSION=1.40 or upgrade the daemon");
    assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(e.getCause()).isInstanceOf(BadRequestException.class);
  }

  @Test
  void transportFailure_namesTheInnermostCause() {
    RuntimeException e =
        new RuntimeException(
            "java.io.IOException: refused",
            new IOException("wrapped", new IOException("[111] Connection refused")));
    assertThat(DaemonErrors.connect("tcp://10.0.0.9:2375", "1.41", e).getMessage())
        .isEqualTo(
            "cannot reach the Docker daemon at tcp://10.0.0.9:2375 (Connection refused); start"
                + " dockerd or point DOCKER_HOST at a running one");
  }

  @Test
  void failedPull_namesCellReferenceAndTheDaemonsWords() {
    RuntimeException e =
        new RuntimeException(
            "Status 404: {\"message\":\"pull access denied for nosuch/image, repository does not"
                + " exist or may require 'docker login'\"}");
    assertThat(DaemonErrors.during("alma/9", "pulling nosuch/image:1", e).getMessage())
        .isEqualTo(
            "alma/9: pulling nosuch/image:1: pull access denied for nosuch/image, repository"
                + " does not exist or may require 'docker login'");
  }
}
