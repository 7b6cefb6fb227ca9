package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.builder.docker.Dockerd;
import dev.osimages.engine.export.ManifestArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproducibility and the archive record with the Docker backend, as root with dockerd, mmdebstrap
 * and the package archive. A private dockerd's default network is a bridge this test makes, without
 * iptables rules: the build's containers reach the host's address on that bridge and nothing
 * beyond, so apt gets through only by the archive proxy the engine puts on the bridge's gateway.
 * {@code engine run --backend docker} publishes {@link RebuildCheckIT}'s small cell with the
 * packages apt fetched recorded; {@code engine rebuild-check --backend docker --against-published}
 * rebuilds it from clean caches and gets the published img.tar.lz4 bit for bit.
 */
class RebuildCheckDockerIT {
  private static final String EPOCH = "1796017871";
  private static final String BRIDGE = "engit" + ProcessHandle.current().pid() % 100000;

  @TempDir static Path work;
  static Dockerd dockerd;
  static Path declaration;
  static Path state;

  @BeforeAll
  static void startDaemonOnItsOwnBridge() throws Exception {
    TestFiles.copyResources("repro", work);
    declaration = work.resolve("images.yaml");
    state = work.resolve("state");
    String subnet = freeSubnet();
    TestFiles.sh(
        work,
        "ip link add name "
            + BRIDGE
            + " type bridge && ip addr add "
            + subnet
            + ".1/24 dev "
            + BRIDGE
            + " && ip link set "
            + BRIDGE
            + " up");
    dockerd = Dockerd.start(BRIDGE);
    System.setProperty("DOCKER_HOST", dockerd.host());
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("DOCKER_HOST");
    try {
      if (dockerd != null) {
        dockerd.close();
      }
    } finally {
      TestFiles.sh(work, "ip link del " + BRIDGE + " 2>/dev/null || true");
    }
  }

  /** A 172.31.N.0/24 that no route of the host's covers yet. */
  private static String freeSubnet() throws Exception {
    String routes = TestFiles.sh(work, "ip -4 route show table all");
    for (int n = 253; n > 200; n--) {
      if (!routes.contains("172.31." + n + ".")) {
        return "172.31." + n;
      }
    }
    throw new IOException("no free 172.31.N.0/24 for the test's bridge:\n" + routes);
  }

  private static Cli engine(String... args) {
    List<String> argv = new ArrayList<>(List.of(args));
    argv.addAll(
        List.of(
            "-q",
            "--backend",
            "docker",
            "-f",
            declaration.toString(),
            "--state-dir",
            state.toString()));
    return Cli.run(argv.toArray(String[]::new));
  }

  @Test
  void dockerBuild_recordsThroughTheBridgeProxy_andRebuildsBitForBit() throws Exception {
    Cli r = engine("run", "--matrix", "--source-date-epoch", EPOCH);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    Path set = work.resolve("out/stable/small/13");
    assertThat(Files.readString(set.resolve("manifest.json")))
        .contains("\"builtWith\": \"docker, hygiene 4\"")
        .contains("\"sourceDateEpoch\": " + EPOCH)
        .contains("\"mode\": \"live\"");
    // Only the proxy records: the RUN step's package came through it, not around it.
    List<Fetch> fetched = ManifestArchive.fetched(set);
    assertThat(fetched).anyMatch(f -> f.deb().isPresent() && f.deb().get().name().equals("less"));

    Cli again = engine("rebuild-check", "--against-published", "small/13");
    assertThat(again.code()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).contains("small/13: reproducible (rebuilt against published");
  }
}
