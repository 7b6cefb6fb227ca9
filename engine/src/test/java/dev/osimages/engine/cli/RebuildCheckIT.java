package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.archive.PackageStore;
import dev.osimages.engine.export.ManifestArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproducibility end to end on a small cell (a trixie minbase, an apt-get install and a useradd),
 * as root with mmdebstrap and the package archive: {@code engine run} publishes it with its archive
 * record; {@code engine rebuild-check --against-published} then rebuilds it from clean caches (a
 * fresh bootstrap) offline, from the package cache alone, and again through a snapshot service
 * served on 127.0.0.1 from what the first build fetched, and both give the published img.tar.lz4
 * bit for bit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildCheckIT {
  private static final String EPOCH = "1796017871";

  @TempDir static Path work;
  static Path declaration;
  static Path state;
  static Path set;

  @BeforeAll
  static void copyDeclaration() throws IOException {
    TestFiles.copyResources("repro", work);
    declaration = work.resolve("images.yaml");
    state = work.resolve("state");
    set = work.resolve("out/stable/small/13");
  }

  private static Cli engine(String... args) {
    List<String> argv = new ArrayList<>(List.of(args));
    argv.addAll(List.of("-q", "-f", declaration.toString(), "--state-dir", state.toString()));
    return Cli.run(argv.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void run_publishesTheSetWithItsEpochAndArchiveRecord() throws Exception {
    Cli r = engine("run", "--matrix", "--source-date-epoch", EPOCH);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    String manifest = Files.readString(set.resolve("manifest.json"));
    assertThat(manifest)
        .contains("\"builtWith\": \"chroot, hygiene 4\"")
        .contains("\"sourceDateEpoch\": " + EPOCH)
        .contains("\"mode\": \"live\"")
        .containsPattern(
            "\"suite\": \"stable\",\\s*\"codename\": \"trixie\",\\s*\"date\": \"[^\"]+ UTC\"")
        .containsPattern(
            "\"package\": \"less\",\\s*\"version\": \"[^\"]+\",\\s*\"architecture\": \"amd64\"");
    // The provenance names the epoch, the archive mode and every package file with its digest.
    assertThat(Files.readString(set.resolve("provenance.json")))
        .contains("\"sourceDateEpoch\": " + EPOCH)
        .contains("\"mode\": \"live\"")
        .containsPattern("\"name\": \"package\",\\s*\"uri\": \"http[^\"]+/less_[^\"]+\\.deb\"");
    List<Fetch> fetched = ManifestArchive.fetched(set);
    assertThat(fetched).anyMatch(f -> f.deb().isPresent() && f.deb().get().name().equals("libc6"));
    for (Fetch f : fetched) {
      assertThat(new PackageStore(state.resolve("packages")).find(f)).isRegularFile();
    }
    // The build's traces are gone or emptied; the times are clamped.
    assertThat(
            TestFiles.sh(
                set,
                "lz4 -dc img.tar.lz4 | tar -tvf - ./var/log/dpkg.log ./var/cache/ldconfig/aux-cache 2>&1 || true"))
        .contains(" 0 ")
        .contains("Not found in archive");
    assertThat(
            TestFiles.sh(
                set,
                "lz4 -dc img.tar.lz4 | TZ=UTC tar -tvf - --full-time | awk '{print $4\" \"$5}' | sort | tail -1"))
        .startsWith("2026-11-30 05:51:11"); // the epoch, in UTC
  }

  @Test
  @Order(2)
  void rebuildOffline_fromThePackageCacheAlone_givesThePublishedTarball() {
    Cli r = engine("rebuild-check", "--against-published", "--offline", "small/13");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("small/13: reproducible (rebuilt against published");
  }

  @Test
  @Order(3)
  void rebuildFromASnapshotService_givesThePublishedTarball() throws Exception {
    PackageStore store = new PackageStore(state.resolve("packages"));
    Map<String, Path> byPath = new HashMap<>();
    for (Fetch f : ManifestArchive.fetched(set)) {
      // "debian/pool/...": the archive's name, then the path inside it
      byPath.put(URI.create(f.url()).getRawPath().substring(1), store.find(f));
    }
    List<String> served = new ArrayList<>();
    HttpServer snapshot =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 20);
    snapshot.createContext(
        "/archive/",
        x -> {
          String[] p = x.getRequestURI().getRawPath().split("/", 5); // "", archive, NAME, TS, rest
          Path file =
              p.length == 5 && p[3].equals("20261130T000000Z")
                  ? byPath.get(p[2] + "/" + p[4])
                  : null;
          synchronized (served) {
            served.add(x.getRequestURI().getRawPath());
          }
          x.sendResponseHeaders(file == null ? 404 : 200, file == null ? -1 : Files.size(file));
          if (file != null) {
            try (OutputStream o = x.getResponseBody()) {
              Files.copy(file, o);
            }
          }
          x.close();
        });
    snapshot.start();
    try {
      String url =
          "http://127.0.0.1:" + snapshot.getAddress().getPort() + "/archive/{archive}/{timestamp}/";
      Cli r =
          engine(
              "rebuild-check",
              "--against-published",
              "--archive-snapshot",
              "20261130T000000Z",
              "--archive-snapshot-url",
              url,
              "small/13");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("small/13: reproducible (rebuilt against published");
    } finally {
      snapshot.stop(0);
    }
    assertThat(served)
        .anyMatch(s -> s.startsWith("/archive/debian/20261130T000000Z/dists/trixie/"))
        .anyMatch(s -> s.matches("/archive/debian/20261130T000000Z/pool/main/l/less/less_.*\\.deb"))
        .anyMatch(s -> s.startsWith("/archive/debian-security/20261130T000000Z/dists/"));
  }
}
