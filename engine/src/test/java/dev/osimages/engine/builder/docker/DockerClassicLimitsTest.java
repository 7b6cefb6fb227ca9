package dev.osimages.engine.builder.docker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.dockerfile.DockerfileParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the classic builder would build differently from BuildKit is refused up front. */
class DockerClassicLimitsTest {
  private static void check(String dockerfile, Map<String, String> args) {
    new ClassicLimits("t/1", DockerfileParser.parse("Dockerfile", dockerfile), args).check();
  }

  @Test
  void chmod_isRefusedNamingCellLineAndInstruction() {
    assertThatThrownBy(() -> check("FROM x\nCOPY --chmod=0640 f /f\n", Map.of()))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("t/1: Dockerfile:2: COPY --chmod=0640 f /f: the Docker backend")
        .extracting(e -> ((EngineException) e).exit())
        .isEqualTo(ExitCode.INVALID);
  }

  @Test
  void chownNameWithoutGroup_isRefused_idsAndNamedGroupsAreNot() {
    assertThatThrownBy(() -> check("FROM x\nCOPY --chown=app f /f\n", Map.of()))
        .hasMessageContaining("--chown=app without a group");
    assertThatCode(
            () ->
                check(
                    "FROM x\nCOPY --chown=1000 f /a\nCOPY --chown=app:app f /b\nCOPY --chown=root f /c\n",
                    Map.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void workdirUnderAUser_isRefused_alsoInAChildStage_butNotUnderRoot() {
    assertThatThrownBy(() -> check("FROM x AS a\nUSER app\nFROM a\nWORKDIR /w\n", Map.of()))
        .hasMessageContaining("Dockerfile:4: WORKDIR /w")
        .hasMessageContaining("under USER app");
    assertThatCode(() -> check("FROM x\nUSER app\nUSER root\nWORKDIR /w\n", Map.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void argWithAValueAfterEnvOfTheSameName_isRefused() {
    assertThatThrownBy(() -> check("FROM x\nENV V=1\nARG V=2\n", Map.of()))
        .hasMessageContaining("Dockerfile:3: ARG V");
    assertThatThrownBy(() -> check("FROM x\nENV V=1\nARG V\n", Map.of("V", "b")))
        .hasMessageContaining("ARG V");
    assertThatCode(() -> check("FROM x\nENV V=1\nARG V\n", Map.of())).doesNotThrowAnyException();
  }
}
