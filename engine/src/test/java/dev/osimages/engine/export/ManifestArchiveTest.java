package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.archive.ArchiveRecord;
import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestArchiveTest {
  @TempDir Path dir;

  @Test
  void manifest_recordsEpochReleasesAndFetches_andReadsThemBack() throws Exception {
    Fetch deb =
        new Fetch(
            "http://mirror.example/debian/pool/main/l/less/less_668-1_amd64.deb",
            "a".repeat(64),
            12,
            "",
            Optional.of(new Fetch.DebPackage("less", "1:668-1", "amd64")));
    Fetch release =
        new Fetch(
            "http://mirror.example/debian/dists/trixie/InRelease",
            "b".repeat(64),
            3,
            "Sat, 21 Nov 2026 09:15:44 GMT",
            Optional.empty());
    ArchiveRecord r =
        new ArchiveRecord(
            OptionalLong.of(1796017871L),
            "snapshot",
            Optional.of("20261130T000000Z"),
            List.of(
                new ArchiveRecord.Release(
                    release.url(),
                    "stable",
                    "trixie",
                    "Sat, 21 Nov 2026 09:15:44 UTC",
                    release.sha256())),
            List.of(release, deb));
    Manifest m =
        new Manifest(
            "small/13",
            "h",
            "dev",
            "chroot, hygiene 4",
            Instant.EPOCH,
            1,
            1,
            "m",
            "s",
            1,
            0,
            0,
            0,
            List.of(),
            Map.of(),
            r);
    Files.writeString(dir.resolve(ImageSet.MANIFEST), m.toJson());

    JsonObject json = JsonObject.parse(m.toJson());
    assertThat(json.longValue("sourceDateEpoch")).hasValue(1796017871L);
    JsonObject archive = json.object("archive").orElseThrow();
    assertThat(archive.string("mode")).isEqualTo("snapshot");
    JsonObject rel = archive.objects("releases").get(0);
    assertThat(List.of(rel.string("suite"), rel.string("codename"), rel.string("date")))
        .containsExactly("stable", "trixie", "Sat, 21 Nov 2026 09:15:44 UTC");
    JsonObject pkg = archive.objects("fetched").get(1);
    assertThat(List.of(pkg.string("package"), pkg.string("version"), pkg.string("architecture")))
        .containsExactly("less", "1:668-1", "amd64");
    assertThat(ManifestArchive.epoch(dir)).hasValue(1796017871L);
    assertThat(ManifestArchive.snapshot(dir)).contains("20261130T000000Z");
    assertThat(ManifestArchive.fetched(dir)).containsExactly(release, deb);
    // A manifest rewritten after signing (read back, a file added) keeps its archive record.
    assertThat(Manifest.read(JsonObject.parse(m.toJson())).withFile("x", "y").archive())
        .isEqualTo(m.archive());
    assertThat(JsonObject.parse(m.toJson()).object("archive").orElseThrow().objects("fetched"))
        .hasSize(2);
  }

  @Test
  void setWithoutRecord_hasNoEpochAndNoFetches() throws Exception {
    Manifest m =
        new Manifest(
            "x",
            "h",
            "dev",
            "",
            Instant.EPOCH,
            1,
            1,
            "m",
            "s",
            1,
            0,
            0,
            0,
            List.of(),
            Map.of(),
            ArchiveRecord.NONE);
    Files.writeString(dir.resolve(ImageSet.MANIFEST), m.toJson());
    assertThat(m.toJson()).doesNotContain("archive");
    assertThat(ManifestArchive.epoch(dir)).isEmpty();
    assertThat(ManifestArchive.fetched(dir)).isEmpty();
  }
}
