package dev.osimages.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import org.junit.jupiter.api.Test;

class ImageRefTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void parse_hostPortRepositoryTagAndDigest() {
    ImageRef r = ImageRef.parse("127.0.0.1:5000/team/app:1.2@" + DIGEST);
    assertThat(r.host()).isEqualTo("127.0.0.1:5000");
    assertThat(r.repository()).isEqualTo("team/app");
    assertThat(r.tag()).hasValue("1.2");
    assertThat(r.digest()).hasValue(DIGEST);
    assertThat(r.reference()).isEqualTo(DIGEST);
    assertThat(r).hasToString("127.0.0.1:5000/team/app:1.2@" + DIGEST);
  }

  @Test
  void parse_withoutTagOrDigest_meansLatest() {
    assertThat(ImageRef.parse("registry.example/app").reference()).isEqualTo("latest");
  }

  @Test
  void parse_shortName_isRefusedWhereAHostIsRequired() {
    assertThatThrownBy(() -> ImageRef.parse("almalinux:9"))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("'almalinux:9' is not valid: a registry host is required");
  }

  @Test
  void parse_badDigestOrUpperCaseRepository_saysWhy() {
    assertThatThrownBy(() -> ImageRef.parse("reg.example/app@sha256:xyz"))
        .hasMessageContaining("a digest is sha256: and 64 lower-case hex digits");
    assertThatThrownBy(() -> ImageRef.parse("reg.example/App:1"))
        .hasMessageContaining("the repository path is lower-case components");
  }

  @Test
  void dockerHub_isReachedThroughItsApiHost() {
    ImageRef r = ImageRef.parse("docker.io/library/almalinux:9");
    assertThat(r.apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ImageRef.parse("127.0.0.1:5000/x").apiHost()).isEqualTo("127.0.0.1:5000");
  }
}
