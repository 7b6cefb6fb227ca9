package dev.osimages.engine.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.registry.Content;
import dev.osimages.engine.registry.Descriptor;
import dev.osimages.engine.registry.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageDocumentsTest {
  @Test
  void metadata_comesFromTheFinalStagesLabelsAndEnv() {
    ImageMetadata m =
        ImageMetadata.of(
            "debian/13",
            "ARG BASE_IMAGE=x\nARG V=13\nFROM scratch AS b\nLABEL ignored=1\n"
                + "FROM ${BASE_IMAGE}\nENV A=1 B=\"two words\"\n"
                + "LABEL org.opencontainers.image.version=\"${V}\" x.a=$A\n",
            "h1");
    assertThat(m.env()).containsExactly("A=1", "B=two words");
    assertThat(m.labels())
        .containsEntry("org.opencontainers.image.version", "13")
        .containsEntry("x.a", "1")
        .containsEntry("dev.osimages.cell", "debian/13")
        .containsEntry("dev.osimages.input-hash", "h1")
        .doesNotContainKey("ignored");
  }

  @Test
  void configAndManifest_areTheSameBytesForTheSameInput() {
    Content c1 =
        ImageDocuments.config("linux/amd64", Map.of("k", "v"), List.of("A=1"), "sha256:d", "t");
    Content c2 =
        ImageDocuments.config("linux/amd64", Map.of("k", "v"), List.of("A=1"), "sha256:d", "t");
    assertThat(c1.digest()).isEqualTo(c2.digest());
    Descriptor layer = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, "sha256:l", 5);
    Content m = ImageDocuments.manifest(c1.descriptor(), layer, Map.of("a", "b"));
    assertThat(new String(m.bytes(), StandardCharsets.UTF_8))
        .startsWith("{\"annotations\":{\"a\":\"b\"},\"config\":{\"digest\":\"" + c1.digest())
        .contains("\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\"");
    assertThat(new String(c1.bytes(), StandardCharsets.UTF_8))
        .contains("\"architecture\":\"amd64\"", "\"os\":\"linux\"", "\"diff_ids\":[\"sha256:d\"]");
  }
}
