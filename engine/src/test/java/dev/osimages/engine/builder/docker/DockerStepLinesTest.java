package dev.osimages.engine.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.dockerfile.DockerfileParser;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DockerStepLinesTest {
  private static final String DOCKERFILE =
      String.join(
          "\n",
          "# syntax=docker/dockerfile:1",
          "ARG BASE_IMAGE=localhost/osimages/bootstrap/debian:13",
          "ARG X=1",
          "FROM ${BASE_IMAGE} AS build",
          "",
          "RUN true",
          "FROM ${BASE_IMAGE}",
          "LABEL a=b",
          "RUN echo hi \\",
          "  && false",
          "COPY --from=build /etc/hostname /x",
          "");

  private final StepLines lines = new StepLines(DockerfileParser.parse("Dockerfile", DOCKERFILE));

  @Test
  void stepNumbers_countGlobalArgsAndEveryStage_inFileOrder() {
    assertThat(lines.line(1)).isEqualTo(OptionalInt.of(2));
    assertThat(lines.line(3)).isEqualTo(OptionalInt.of(4));
    assertThat(lines.line(4)).isEqualTo(OptionalInt.of(6));
    assertThat(lines.line(5)).isEqualTo(OptionalInt.of(7));
    assertThat(lines.line(7)).as("a continued line starts where it starts").hasValue(9);
    assertThat(lines.line(8)).hasValue(11);
  }

  @Test
  void stepsBeyondTheFile_labelsTheDaemonAppends_haveNoLine() {
    assertThat(lines.line(9)).isEmpty();
    assertThat(lines.line(0)).isEmpty();
  }

  @Test
  void stepLine_isParsed_otherOutputIsNot() {
    assertThat(StepLines.parse("Step 7/9 : RUN echo hi &&   false"))
        .hasValue(new StepLines.Step(7, 9, "RUN echo hi &&   false"));
    assertThat(StepLines.parse(" ---> Using cache")).isEmpty();
    assertThat(StepLines.parse("Step 1 : FROM x")).isEmpty();
  }
}
