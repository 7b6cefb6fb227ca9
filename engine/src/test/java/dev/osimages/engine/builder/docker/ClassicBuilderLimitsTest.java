package dev.osimages.engine.builder.docker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.NamedContext;
import dev.osimages.engine.dockerfile.DockerfileParser;
import dev.osimages.engine.model.Hygiene;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the classic builder lacks is refused by name, pointing at the chroot backend. */
class ClassicBuilderLimitsTest {
  @TempDir Path dir;

  private BuildRequest request(Map<String, NamedContext> named) {
    return new BuildRequest(
        "c/1",
        dir.resolve("Dockerfile"),
        BuildContext.of(dir),
        Map.of(),
        Map.of(),
        Optional.empty(),
        false,
        Hygiene.NONE,
        List.of(),
        Map.of(),
        named,
        Map.of());
  }

  private void refused(String dockerfile, String feature) {
    assertThatThrownBy(
            () ->
                ClassicBuilderLimits.check(
                    request(Map.of()), DockerfileParser.parse("Dockerfile", dockerfile)))
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "c/1: Dockerfile:2: "
                + feature
                + " is not supported by the Docker backend (the daemon's classic builder);"
                + " --backend chroot supports it")
        .extracting(e -> ((EngineException) e).exitCode())
        .isEqualTo(ExitCode.INVALID.code());
  }

  @Test
  void mountsHeredocsAndChecksums_areRefusedNamingTheLine() {
    refused("FROM x\nRUN --mount=type=cache,target=/c true\n", "RUN --mount");
    refused("FROM x\nRUN <<EOF\ntrue\nEOF\n", "a here-document in RUN");
    refused("FROM x\nCOPY <<EOF /f\nx\nEOF\n", "a here-document in COPY");
    refused(
        "FROM x\nADD --checksum=sha256:" + "0".repeat(64) + " http://h/f /f\n", "ADD --checksum");
  }

  @Test
  void namedContexts_areRefused_plainDockerfilesAndUnpinnedUrlsPass() {
    assertThatThrownBy(
            () ->
                ClassicBuilderLimits.check(
                    request(Map.of("ctx", new NamedContext.Local(BuildContext.of(dir)))),
                    DockerfileParser.parse("Dockerfile", "FROM x\n")))
        .hasMessageStartingWith("c/1: named contexts (ctx) is not supported by the Docker backend");
    assertThatCode(
            () ->
                ClassicBuilderLimits.check(
                    request(Map.of()),
                    DockerfileParser.parse("Dockerfile", "FROM x\nADD http://h/f /f\nRUN true\n")))
        .doesNotThrowAnyException();
  }
}
