package dev.osimages.engine.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.packageurl.PackageURL;
import dev.osimages.engine.EngineException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SbomTest {
  private static final OsRelease DEBIAN =
      OsRelease.parse(
          "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nID=debian\nVERSION_ID=\"13\"\n"
              + "VERSION_CODENAME=trixie\n");

  private static InstalledPackage pkg(
      String name, String version, String source, List<String> deps) {
    return new InstalledPackage(
        name,
        version,
        "",
        "amd64",
        source,
        "",
        List.of("GPL-2+", "Expat", "public-domain"),
        deps,
        "");
  }

  @Test
  void osRelease_distroQualifier_isIdDashVersionId() {
    assertThat(DEBIAN.distro()).isEqualTo("debian-13");
    assertThat(OsRelease.parse("ID=ubuntu\nVERSION_ID=\"24.04\"\n").distro())
        .isEqualTo("ubuntu-24.04");
    assertThat(OsRelease.parse("ID=debian\nVERSION_CODENAME=forky\n").distro())
        .isEqualTo("debian-forky");
  }

  @Test
  void purl_carriesArchDistroAndUpstream_andParses() throws Exception {
    String p = Purls.of("deb", DEBIAN, pkg("libc6", "1:2.41-12+b1", "glibc", List.of()));
    PackageURL u = new PackageURL(p);
    assertThat(u.getType()).isEqualTo("deb");
    assertThat(u.getNamespace()).isEqualTo("debian");
    assertThat(u.getVersion()).isEqualTo("1:2.41-12+b1");
    assertThat(u.getQualifiers())
        .containsEntry("arch", "amd64")
        .containsEntry("distro", "debian-13")
        .containsEntry("upstream", "glibc");
    String rpm =
        Purls.of(
            "rpm",
            OsRelease.parse("ID=\"almalinux\"\nVERSION_ID=\"9.5\"\n"),
            new InstalledPackage(
                "shadow-utils",
                "4.9-8.el9",
                "2",
                "x86_64",
                "shadow-utils",
                "",
                List.of(),
                List.of(),
                ""));
    assertThat(rpm)
        .isEqualTo(
            "pkg:rpm/almalinux/shadow-utils@4.9-8.el9?arch=x86_64&distro=almalinux-9.5&epoch=2");
  }

  @Test
  void licenses_becomeSpdxIds_whereTheyNameOne() {
    assertThat(SpdxLicenses.id("GPL-2+")).contains("GPL-2.0-or-later");
    assertThat(SpdxLicenses.id("LGPL-2.1+")).contains("LGPL-2.1-or-later");
    assertThat(SpdxLicenses.id("GPLv3")).contains("GPL-3.0-only");
    assertThat(SpdxLicenses.id("Expat")).contains("MIT");
    assertThat(SpdxLicenses.id("bsd-3-clause")).contains("BSD-3-Clause");
    assertThat(SpdxLicenses.id("ASL 2.0")).contains("Apache-2.0");
    assertThat(SpdxLicenses.id("public-domain")).isEmpty();
    assertThat(SpdxLicenses.id("Artistic")).isEmpty();
  }

  @Test
  void cycloneDx_isSchemaValid_withOsRootPackagesFilesAndDependencies() {
    PackageInventory inv =
        new PackageInventory(
            "deb",
            DEBIAN,
            List.of(
                pkg("bash", "5.2", "bash", List.of("libc6:amd64")),
                pkg("libc6", "2.41", "glibc", List.of())));
    String json =
        CycloneDxSbom.write(
            new SbomInput(
                "debian/13",
                "abc",
                "dev",
                Instant.parse("2026-01-01T00:00:00Z"),
                inv,
                List.of(
                    new AddedFile(
                        "/etc/motd", "a".repeat(64), "contexts/common/etc/motd", Optional.empty()),
                    new AddedFile(
                        "/usr/local/bin/ignition",
                        "b".repeat(64),
                        "IGNITION_URL",
                        Optional.of("https://example.org/ignition")))));
    assertThat(CycloneDxSbom.validate(json.getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(json)
        .contains("\"type\" : \"operating-system\"")
        .contains("\"id\" : \"GPL-2.0-or-later\"")
        .contains("\"name\" : \"public-domain\"")
        .contains("\"bom-ref\" : \"file:/etc/motd\"")
        .contains("\"url\" : \"https://example.org/ignition\"");
    assertThat(json.indexOf("\"dependsOn\"")).isPositive();
  }

  @Test
  void validate_reportsWhatTheSchemaRejects() {
    byte[] bad =
        "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"nonsense\",\"name\":\"x\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(CycloneDxSbom.validate(bad)).isNotEmpty();
    assertThat(CycloneDxSbom.validate("not json".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
  }

  @Test
  void write_refusesAnSbomTheSchemaRejects_inOneLine() {
    // A hash that is not hex: the library writes it, the schema rejects it, nothing is returned.
    SbomInput in =
        new SbomInput(
            "debian/13",
            "",
            "dev",
            Instant.now(),
            PackageInventory.NONE,
            List.of(new AddedFile("/etc/x", "not-a-digest", "ctx", Optional.empty())));
    assertThatThrownBy(() -> CycloneDxSbom.write(in))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("debian/13: sbom: the CycloneDX 1.6 schema rejects the SBOM:")
        .hasMessageNotContaining("\n");
  }
}
