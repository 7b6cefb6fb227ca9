package dev.osimages.engine.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlsaProvenanceTest {
  @Test
  void statement_isInTotoV1_withSlsaV1Predicate_andReadsBack() {
    String json =
        SlsaProvenance.write(
            new ProvenanceInput(
                SlsaProvenance.BUILD_TYPE_RUN,
                "img.tar.lz4",
                "a".repeat(64),
                Map.of("cell", "debian/13"),
                Map.of("inputHash", "b".repeat(64)),
                List.of(
                    new ProvenanceInput.Dependency(
                        "bootstrap",
                        "bootstrap:trixie",
                        Map.of(),
                        Map.of("releaseDates", List.of("x")))),
                "urn:osimages:engine:chroot",
                Map.of("osimages-engine", "dev"),
                "host:/log",
                "host",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:01:00Z")));
    SlsaProvenance.Summary s = SlsaProvenance.read(json);
    assertThat(s.statementType()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(s.predicateType()).isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(s.subjectSha256()).isEqualTo("a".repeat(64));
    assertThat(s.inputHash()).contains("b".repeat(64));
    assertThat(s.cell()).contains("debian/13");
    assertThat(json.indexOf("buildDefinition")).isLessThan(json.indexOf("runDetails"));
    assertThat(json).contains("\"startedOn\": \"2026-01-01T00:00:00Z\"");
  }

  @Test
  void read_refusesWhatIsNoStatement() {
    assertThatThrownBy(() -> SlsaProvenance.read("{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlsaProvenance.read("nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
