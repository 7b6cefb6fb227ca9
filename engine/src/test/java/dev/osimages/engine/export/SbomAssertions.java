package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.PackageURL;
import dev.osimages.engine.sbom.CycloneDxSbom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks of a published set's SBOM shared by the export and run tests. */
public final class SbomAssertions {
  private SbomAssertions() {}

  /**
   * The SBOM passes the CycloneDX library's 1.6 schema validation, has exactly {@code packages}
   * package components (packages.txt's count), each with a purl that packageurl-java parses and
   * that starts with {@code purlPrefix} and carries {@code qualifier}, and the OS as root
   * component.
   */
  public static void assertSbom(Path set, int packages, String purlPrefix, String qualifier)
      throws Exception {
    byte[] json = Files.readAllBytes(set.resolve(ImageSet.SBOM));
    assertThat(CycloneDxSbom.validate(json)).isEmpty();
    JsonNode bom = new ObjectMapper().readTree(json);
    assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
    assertThat(bom.path("metadata").path("component").path("type").asText())
        .isEqualTo("operating-system");
    List<String> purls = new ArrayList<>();
    for (JsonNode c : bom.path("components")) {
      if (c.path("type").asText().equals("library")) {
        purls.add(c.path("purl").asText());
      }
    }
    assertThat(purls).hasSize(packages);
    for (String p : purls) {
      PackageURL parsed = new PackageURL(p);
      assertThat(p).startsWith(purlPrefix).contains(qualifier);
      assertThat(parsed.getVersion()).isNotEmpty();
      assertThat(parsed.getQualifiers()).containsKey("arch");
    }
    assertThat(bom.path("dependencies").path(0).path("ref").asText()).isEqualTo("os");
  }

  /** The components of a set's SBOM as JSON text (for comparing two exports of one tree). */
  public static String components(Path set) throws Exception {
    return new ObjectMapper()
        .readTree(Files.readAllBytes(set.resolve(ImageSet.SBOM)))
        .path("components")
        .toString();
  }
}
