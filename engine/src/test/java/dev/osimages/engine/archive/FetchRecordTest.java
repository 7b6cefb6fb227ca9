package dev.osimages.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FetchRecordTest {
  @Test
  void fetchLine_roundTrips_withAndWithoutPackage() {
    Fetch deb =
        new Fetch(
            "http://mirror.example/debian/pool/main/l/less/less_668-1_amd64.deb",
            "a".repeat(64),
            12,
            "Sat, 21 Nov 2026 09:15:44 GMT",
            Optional.of(new Fetch.DebPackage("less", "1:668-1", "amd64")));
    Fetch index =
        new Fetch(
            "http://mirror.example/debian/dists/trixie/InRelease",
            "b".repeat(64),
            3,
            "",
            Optional.empty());
    assertThat(Fetch.parse(deb.toLine())).isEqualTo(deb);
    assertThat(Fetch.parse(index.toLine())).isEqualTo(index);
    assertThat(deb.deb().orElseThrow().fileName()).isEqualTo("less_1:668-1_amd64.deb");
  }

  @Test
  void snapshotUrl_fillsTimestampAndArchiveName() {
    assertThat(
            SnapshotUrl.expand(
                "https://snapshot.example/archive/{archive}/{timestamp}/",
                "20261130T000000Z",
                "http://mirror.example/debian-security/",
                "bootstrap.snapshot"))
        .isEqualTo("https://snapshot.example/archive/debian-security/20261130T000000Z/");
    assertThat(
            SnapshotUrl.expand(
                "http://127.0.0.1:8/{timestamp}", "20261130T000000Z", "http://m/ubuntu", "x"))
        .isEqualTo("http://127.0.0.1:8/20261130T000000Z");
  }

  @Test
  void snapshotUrl_refusesBadTimestampsAndTemplates() {
    assertThatThrownBy(() -> SnapshotUrl.timestamp("2026-11-30", "--archive-snapshot"))
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "--archive-snapshot: expected a snapshot timestamp YYYYMMDDTHHMMSSZ (UTC), e.g."
                + " 20261130T000000Z, found '2026-11-30'");
    assertThatThrownBy(
            () ->
                SnapshotUrl.expand(
                    "https://s.example/x/", "20261130T000000Z", "http://m/d", "bootstrap.snapshot"))
        .hasMessage(
            "bootstrap.snapshot: expected a URL containing {timestamp}, found 'https://s.example/x/'");
  }

  @Test
  void pinning_addsEpochAndProxyUnlessTheImageSetsThem() {
    Pinning p =
        new Pinning(
            java.util.OptionalLong.of(1796017871L),
            new ArchiveAccess.Direct(),
            java.util.List.of());
    assertThat(p.environment(Map.of("PATH", "/bin"), null))
        .containsExactly(Map.entry("PATH", "/bin"), Map.entry("SOURCE_DATE_EPOCH", "1796017871"));
    assertThat(p.environment(Map.of("SOURCE_DATE_EPOCH", "5"), null))
        .containsEntry("SOURCE_DATE_EPOCH", "5");
    assertThat(p.keyPart()).isEqualTo("source-date-epoch=1796017871");
    assertThat(Pinning.NONE.keyPart()).isEmpty();
    assertThat(p.startProxy(l -> {})).isNull();
  }
}
