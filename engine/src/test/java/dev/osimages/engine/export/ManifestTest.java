package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManifestTest {
  @Test
  void toJson_isIndentedWithKeysInTheirFixedOrder() {
    Manifest m =
        new Manifest(
            "debian/13",
            "5d41402abc4b2a76b9719d911017c592",
            "0.1.0",
            "chroot, hygiene 3",
            Instant.parse("2025-01-01T12:00:00Z"),
            1234567890123L,
            456L,
            "d41d8cd98f00b204e9800998ecf8427e",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            312,
            61.5,
            12.25,
            0.0,
            java.util.List.of(),
            java.util.Map.of(
                "sbom.cdx.json", "b".repeat(64),
                "packages.txt", "a".repeat(64),
                "img.tar.lz4.sig", "c".repeat(64)),
            dev.osimages.engine.archive.ArchiveRecord.NONE);

    assertThat(m.toJson())
        .isEqualTo(
            """
            {
              "id": "debian/13",
              "inputHash": "5d41402abc4b2a76b9719d911017c592",
              "engineVersion": "0.1.0",
              "builtWith": "chroot, hygiene 3",
              "created": "2025-01-01T12:00:00Z",
              "tarBytes": 1234567890123,
              "lz4Bytes": 456,
              "md5": "d41d8cd98f00b204e9800998ecf8427e",
              "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
              "packageCount": 312,
              "files": {
                "packages.txt": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "sbom.cdx.json": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                "img.tar.lz4.sig": "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
              },
              "durations": {
                "buildSeconds": 61.5,
                "exportSeconds": 12.25,
                "verifySeconds": 0.0
              }
            }
            """);
    assertThat(Manifest.read(dev.osimages.engine.json.JsonObject.parse(m.toJson()))).isEqualTo(m);
    assertThat(
            Manifest.read(dev.osimages.engine.json.JsonObject.parse(m.toJson()))
                .withFile("provenance.json", "d".repeat(64))
                .files()
                .keySet())
        .containsExactly("packages.txt", "sbom.cdx.json", "provenance.json", "img.tar.lz4.sig");
  }
}
