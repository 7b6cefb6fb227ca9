package dev.osimages.engine.builder.chroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.archive.ArchiveAccess;
import dev.osimages.engine.archive.PackageStore;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.BusyboxRootfs;
import dev.osimages.engine.builder.StepTiming;
import dev.osimages.engine.builder.Views;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.NetworkPolicy;
import dev.osimages.engine.state.StateDir;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RUN steps' networks, built for real with the chroot backend on a busybox root filesystem: the
 * test listens on the host's 127.0.0.1 and ::1 and shows that a step on the default network reaches
 * neither (through slirp4netns's gateway, its DNS forwarder or its own loopback) while a step on
 * the host's network, once entitled, does; a none step has nothing but loopback; host without the
 * entitlement is refused before anything is built; none and host are cached apart; the step's
 * helper unmounts nothing of the host's (mounts below a shared mount, as in dockerd's data root).
 * Outbound access through slirp4netns is {@code cli.RunNetworkOutboundIT}'s.
 */
class RunNetworkIT {
  static Path tmp;
  static StateDir state;
  static Path base;
  static int builds;

  @BeforeAll
  static void setUp() throws Exception {
    tmp = Files.createTempDirectory("run-network-it-");
    state = new StateDir(tmp.resolve("state"));
    base = BusyboxRootfs.create(tmp.resolve("base"));
  }

  @AfterAll
  static void tearDown() {
    Views.closeAll();
    Trees.delete(tmp);
  }

  private static BuildResult build(String body, NetworkPolicy network) throws Exception {
    return build(state, body, network);
  }

  private static BuildResult build(StateDir in, String body, NetworkPolicy network)
      throws Exception {
    return build(in, body, network, Pinning.NONE);
  }

  private static BuildResult build(StateDir in, String body, NetworkPolicy network, Pinning pinning)
      throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("df-" + builds++));
    Path file = dir.resolve("Dockerfile");
    Files.writeString(file, "FROM base\n" + body);
    BuildRequest req =
        new BuildRequest(
                "net/1",
                file,
                BuildContext.of(dir),
                Map.of(),
                Map.of("base", new Base.RootfsDir(base)),
                Optional.empty(),
                false,
                Hygiene.NONE)
            .withNetwork(network)
            .withPinning(pinning);
    return new ChrootBuilder(in).build(req, EventListener.NONE);
  }

  /** Counts the connections a loopback address accepts, until closed. */
  private static final class Listener implements AutoCloseable {
    final ServerSocket socket;
    final AtomicInteger accepted = new AtomicInteger();

    Listener(String address) throws IOException {
      socket = new ServerSocket();
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      Thread t =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    accepted.incrementAndGet();
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "loopback-listener");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** A step that tries every way to the host's loopback and records what it reached. */
  private static String probe(String flag, int port4, int port6) {
    return "RUN "
        + flag
        + "for t in '10.0.2.2 "
        + port4
        + "' '10.0.2.3 "
        + port4
        + "' '127.0.0.1 "
        + port4
        + "' 'fd00::2 "
        + port6
        + "' 'fd00::3 "
        + port6
        + "' '::1 "
        + port6
        + "'; do set -- $t; if echo x | nc -w 3 $1 $2; then echo \"reached $1\"; fi;"
        + " done > /reached 2>/dev/null; true\n";
  }

  @Test
  void defaultNetwork_reachesNoHostLoopbackService_overIpv4OrIpv6() throws Exception {
    try (Listener v4 = new Listener("127.0.0.1");
        Listener v6 = new Listener("::1")) {
      BuildResult r = build(probe("", v4.port(), v6.port()), NetworkPolicy.UNSET);
      assertThat(Files.readString(Views.root(r).resolve("reached"))).isEmpty();
      assertThat(v4.accepted.get()).isZero();
      assertThat(v6.accepted.get()).isZero();
    }
  }

  @Test
  void pinnedBuild_defaultStepReachesTheArchiveProxy_whichRefusesTheHostsLoopback()
      throws Exception {
    try (Listener v4 = new Listener("127.0.0.1")) {
      Pinning live =
          new Pinning(
              java.util.OptionalLong.empty(),
              new ArchiveAccess.Live(new PackageStore(tmp.resolve("packages"))),
              java.util.List.of());
      // busybox wget goes through $http_proxy: the answer can only come from the engine's proxy.
      BuildResult r =
          build(
              state,
              "RUN echo \"$http_proxy\" > /proxy;"
                  + " wget -O /got http://127.0.0.1:"
                  + v4.port()
                  + "/x 2> /wget.err; true\n"
                  + "RUN --network=none echo \"${http_proxy:-unset}\" > /proxy-none\n",
              NetworkPolicy.UNSET,
              live);
      Path root = Views.root(r);
      assertThat(Files.readString(root.resolve("proxy"))).matches("http://127\\.0\\.0\\.1:\\d+/\n");
      assertThat(Files.readString(root.resolve("wget.err"))).contains("403");
      assertThat(Files.readString(root.resolve("proxy-none"))).isEqualTo("unset\n");
      assertThat(v4.accepted.get()).isZero();
    }
  }

  @Test
  void hostNetwork_whenEntitled_reachesTheSameListeners() throws Exception {
    try (Listener v4 = new Listener("127.0.0.1");
        Listener v6 = new Listener("::1")) {
      BuildResult r =
          build(
              probe("--network=host ", v4.port(), v6.port()),
              NetworkPolicy.UNSET.allowingHost(true));
      assertThat(Files.readString(Views.root(r).resolve("reached")))
          .isEqualTo("reached 127.0.0.1\nreached ::1\n");
      assertThat(v4.accepted.get()).isOne();
      assertThat(v6.accepted.get()).isOne();
    }
  }

  @Test
  void defaultNetwork_hasSlirpsAddresses_andTheHostsResolverThroughIt() throws Exception {
    BuildResult r =
        build(
            "RUN ip -o addr > /addrs; ip route > /routes; ip -6 route > /routes6;"
                + " cat /etc/resolv.conf > /resolv\n",
            NetworkPolicy.UNSET);
    assertThat(Files.readString(Views.root(r).resolve("addrs")))
        .contains(
            "lo    inet 127.0.0.1/8", "tap0    inet 10.0.2.100/24", "tap0    inet6 fd00::100/64");
    assertThat(Files.readString(Views.root(r).resolve("routes"))).contains("default via 10.0.2.2");
    assertThat(Files.readString(Views.root(r).resolve("routes6"))).contains("default via fd00::2");
    assertThat(Files.readString(Views.root(r).resolve("resolv")))
        .isEqualTo(StepResolvConf.of(Files.readString(Path.of("/etc/resolv.conf"))));
    assertThat(Views.root(r).resolve("etc/resolv.conf")).doesNotExist();
  }

  @Test
  void none_hasOnlyLoopback_up() throws Exception {
    BuildResult r =
        build("RUN --network=none ip -o link > /links; ip -o addr > /addrs\n", NetworkPolicy.UNSET);
    List<String> links = Files.readAllLines(Views.root(r).resolve("links"));
    assertThat(links).hasSize(1);
    assertThat(links.get(0)).contains(": lo: <LOOPBACK,UP,LOWER_UP>");
    assertThat(Files.readString(Views.root(r).resolve("addrs"))).contains("lo    inet 127.0.0.1/8");
  }

  @Test
  void hostWithoutEntitlement_isRefusedBeforeAnyStep_namingTheLine() throws Exception {
    StateDir fresh = new StateDir(tmp.resolve("fresh-state"));
    assertThatThrownBy(
            () ->
                build(
                    fresh,
                    "RUN echo first > /first\nRUN --network=host echo second\n",
                    NetworkPolicy.UNSET))
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "net/1: Dockerfile:3: RUN --network=host is not allowed: the network.host entitlement"
                + " is missing (give --allow network.host, or set network.allowHost: true for this"
                + " image in images.yaml)")
        .extracting(e -> ((EngineException) e).exit())
        .isEqualTo(ExitCode.INVALID);
    assertThat(fresh.layers()).doesNotExist();
  }

  @Test
  void defaultNetworkStep_leavesMountsBelowTheHostsSharedMountsMounted() throws Exception {
    // dockerd makes its data root such a shared mount, its containers' roots are mounted below it.
    Path shared = tmp.resolve("shared");
    Path alive = shared.resolve("inner/alive");
    sh(
        "d='"
            + shared
            + "' && mkdir -p \"$d\" && mount --bind \"$d\" \"$d\" && mount --make-shared \"$d\""
            + " && mkdir -p \"$d/inner\" && mount -t tmpfs inner \"$d/inner\" && touch '"
            + alive
            + "'");
    try {
      build("RUN echo shared-mount-probe\n", NetworkPolicy.UNSET);
      assertThat(alive).exists();
    } finally {
      sh("umount -R '" + shared + "'");
    }
  }

  private static void sh(String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", script).inheritIO().start();
    assertThat(p.waitFor()).as(script).isZero();
  }

  @Test
  void stepCache_keysNoneAndHostApart_andDefaultFlagIsNoFlag() throws Exception {
    // busybox's date has no %N: a step that ran again must differ within the same second too.
    String step = "cat /proc/sys/kernel/random/uuid > /stamp";
    BuildResult plain = build("RUN " + step + "\n", NetworkPolicy.UNSET);
    BuildResult flagged = build("RUN --network=default " + step + "\n", NetworkPolicy.UNSET);
    BuildResult none = build("RUN --network=none " + step + "\n", NetworkPolicy.UNSET);
    BuildResult host =
        build("RUN --network=host " + step + "\n", NetworkPolicy.UNSET.allowingHost(true));
    assertThat(last(flagged).cached()).isTrue();
    assertThat(last(none).cached()).isFalse();
    assertThat(last(host).cached()).isFalse();
    String stamp = Files.readString(Views.root(plain).resolve("stamp"));
    assertThat(Files.readString(Views.root(flagged).resolve("stamp"))).isEqualTo(stamp);
    assertThat(Files.readString(Views.root(none).resolve("stamp"))).isNotEqualTo(stamp);
  }

  private static StepTiming last(BuildResult r) {
    return r.steps().stream()
        .filter(t -> t.instruction().startsWith("RUN"))
        .reduce((a, b) -> b)
        .orElseThrow();
  }
}
