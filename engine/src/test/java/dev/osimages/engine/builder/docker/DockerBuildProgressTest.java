package dev.osimages.engine.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.osimages.engine.builder.BuildException;
import dev.osimages.engine.builder.BuildStep;
import dev.osimages.engine.dockerfile.DockerfileParser;
import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.LogLine;
import java.io.BufferedWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classic builder's JSON stream, as the daemon sends it, read into events and errors. */
class DockerBuildProgressTest {
  private static final String DOCKERFILE =
      "ARG BASE_IMAGE=x\nFROM ${BASE_IMAGE}\nCOPY etc/ /etc/\nRUN echo hi \\\n && false\n";

  private final List<Event> events = new ArrayList<>();
  private final StringWriter log = new StringWriter();
  private final BuildProgress progress =
      new BuildProgress(
          "mini/13",
          DockerfileParser.parse("Dockerfile", DOCKERFILE),
          events::add,
          new BufferedWriter(log));

  private void feed(String... json) throws Exception {
    // Configured as docker-java configures its own: the daemon sends fields it does not model.
    ObjectMapper m =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    for (String j : json) {
      progress.onNext(m.readValue(j, BuildResponseItem.class));
    }
  }

  @Test
  void success_reportsStepsWithLinesAndCacheHits_andTheImageId() throws Exception {
    feed(
        "{\"stream\":\"Step 1/4 : ARG BASE_IMAGE=x\\n\"}",
        "{\"stream\":\"Step 2/4 : FROM ${BASE_IMAGE}\\n\"}",
        "{\"stream\":\" ---\\u003e 080c781634ac\\n\"}",
        "{\"stream\":\"Step 3/4 : COPY etc/ /etc/\\n\"}",
        "{\"stream\":\" ---\\u003e Using cache\\n ---\\u003e 8da9\"}",
        "{\"stream\":\"6ba71deb\\n\"}",
        "{\"stream\":\"Step 4/4 : RUN echo hi  \\u0026\\u0026 true\\n\"}",
        "{\"stream\":\"Successfully built 102f7e58042e\\n\"}");
    assertThat(progress.result()).isEqualTo("102f7e58042e");
    List<BuildStep> steps =
        events.stream().filter(BuildStep.class::isInstance).map(BuildStep.class::cast).toList();
    assertThat(steps).extracting(BuildStep::line).containsExactly(1, 2, 3, 4);
    // A global ARG and a FROM do no work; COPY was served from the cache; RUN ran.
    assertThat(steps).extracting(BuildStep::cached).containsExactly(true, true, true, false);
    assertThat(events)
        .filteredOn(LogLine.class::isInstance)
        .extracting(e -> ((LogLine) e).line())
        .contains(" ---> 8da96ba71deb", "Successfully built 102f7e58042e");
    assertThat(log.toString()).contains("Step 3/4 : COPY etc/ /etc/\n");
  }

  @Test
  void failingStep_namesCellDockerfileLineInstructionAndOutput() throws Exception {
    feed(
        "{\"stream\":\"Step 4/4 : RUN echo hi  \\u0026\\u0026 false\\n\"}",
        "{\"stream\":\" ---\\u003e Running in 4cd9cb2a3062\\n\"}",
        "{\"stream\":\"hi\\n\"}",
        "{\"errorDetail\":{\"code\":1,\"message\":\"The command '/bin/sh -c echo hi  \\u0026\\u0026"
            + " false' returned a non-zero code: 1\"},\"error\":\"The command ...\"}");
    assertThatThrownBy(progress::result)
        .isInstanceOf(BuildException.class)
        .hasMessageStartingWith(
            "mini/13: Dockerfile:4: RUN echo hi  && false: The command '/bin/sh -c echo hi  &&"
                + " false' returned a non-zero code: 1")
        .satisfies(e -> assertThat(((BuildException) e).tail()).contains("hi"));
  }

  @Test
  void errorBeforeAnyStep_namesTheCell() throws Exception {
    feed("{\"errorDetail\":{\"message\":\"dockerfile parse error line 3: unknown instruction\"}}");
    assertThatThrownBy(progress::result)
        .hasMessageStartingWith(
            "mini/13: docker build: dockerfile parse error line 3: unknown instruction");
  }
}
