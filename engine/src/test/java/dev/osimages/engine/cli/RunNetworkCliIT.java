package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.BusyboxRootfs;
import dev.osimages.engine.host.Trees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RUN networks through the real command line. Outbound access needs a world to reach, and tests
 * reach only what they make: the test makes a network namespace "A" to be the engine's host (its
 * resolv.conf names a resolver on A's own loopback, dnsmasq on 127.0.0.1, as systemd-resolved's
 * 127.0.0.53 would be; a web server listens on A's 127.0.0.1 and ::1) and a namespace "B", a server
 * reached from A over a veth pair by IPv4 and IPv6, whose name only A's resolver knows. The engine
 * runs in A ({@code nsenter}); a default-network step resolves B's name through slirp4netns's
 * forwarder, fetches from B over both families, and reaches none of A's loopback services. Also:
 * {@code host} refused without {@code --allow network.host} (exit 2, naming the line) and allowed
 * with it, and a host without slirp4netns on PATH (exit 4, naming the package).
 */
class RunNetworkCliIT {
  static Path tmp;
  static Path base;
  static Process hostA;
  static Process serverB;

  @BeforeAll
  static void setUp() throws Exception {
    tmp = Files.createTempDirectory("run-network-cli-it-");
    base = BusyboxRootfs.create(tmp.resolve("base"));
    Path loopWww = Files.createDirectories(tmp.resolve("www-a"));
    Files.writeString(loopWww.resolve("index.html"), "A's loopback service\n");
    Path www = Files.createDirectories(tmp.resolve("www-b"));
    Files.writeString(www.resolve("hello.txt"), "hello from B\n");
    Path resolv = tmp.resolve("resolv.conf");
    Files.writeString(resolv, "nameserver 127.0.0.1\noptions edns0\n");
    hostA =
        start(
            List.of("unshare", "--net", "--mount", "--propagation", "private", "--", "sh", "-c"),
            """
            set -e
            ip link set lo up
            mount --bind "$1" /etc/resolv.conf
            dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \\
              --listen-address=127.0.0.1 --bind-interfaces --port=53 --pid-file="$3" \\
              --address=/files.test/10.219.0.2 --address=/files.test/fd19::2 &
            busybox httpd -f -p 127.0.0.1:8081 -h "$2" &
            busybox httpd -f -p [::1]:8081 -h "$2" &
            echo ready
            wait
            """,
            resolv.toString(),
            loopWww.toString(),
            tmp.resolve("dnsmasq.pid").toString());
    serverB =
        start(
            List.of("unshare", "--net", "--", "sh", "-c"),
            """
            set -e
            ip link set lo up
            echo ready
            read -r link
            ip addr add 10.219.0.2/24 dev h19b
            ip -6 addr add fd19::2/64 dev h19b nodad
            ip link set h19b up
            busybox httpd -f -p 10.219.0.2:8080 -h "$1" &
            busybox httpd -f -p [fd19::2]:8080 -h "$1" &
            echo serving
            wait
            """,
            www.toString());
    String a = Long.toString(hostA.pid());
    inA(
        a,
        "ip",
        "link",
        "add",
        "h19a",
        "type",
        "veth",
        "peer",
        "name",
        "h19b",
        "netns",
        "" + serverB.pid());
    inA(a, "ip", "addr", "add", "10.219.0.1/24", "dev", "h19a");
    inA(a, "ip", "-6", "addr", "add", "fd19::1/64", "dev", "h19a", "nodad");
    inA(a, "ip", "link", "set", "h19a", "up");
    try (OutputStream in = serverB.getOutputStream()) {
      in.write("h19b\n".getBytes(StandardCharsets.US_ASCII));
    }
    expectLine(serverB, "serving");
  }

  @AfterAll
  static void tearDown() {
    for (Process p : new Process[] {hostA, serverB}) {
      if (p != null) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    Trees.delete(tmp);
  }

  /** Starts {@code sh -c script args} under {@code prefix} and waits for its "ready" line. */
  private static Process start(List<String> prefix, String script, String... args)
      throws IOException {
    List<String> argv = new ArrayList<>(prefix);
    argv.add(script);
    argv.add("holder");
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    expectLine(p, "ready");
    return p;
  }

  private static void expectLine(Process p, String line) throws IOException {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String got = r.readLine();
    if (!line.equals(got)) {
      throw new IllegalStateException("namespace holder said " + got + ", expected " + line);
    }
  }

  private static String inA(String pid, String... cmd) throws Exception {
    List<String> argv = new ArrayList<>(List.of("nsenter", "-t", pid, "--net", "--mount", "--"));
    argv.addAll(List.of(cmd));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " in A failed: " + out);
    }
    return out;
  }

  private static Path dockerfile(String name, String body) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    return Files.writeString(dir.resolve("Dockerfile"), "FROM base\n" + body);
  }

  private static List<String> build(Path dockerfile, Path output, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "build",
                "--dockerfile",
                dockerfile.toString(),
                "--base",
                "base=" + base,
                "--state-dir",
                tmp.resolve("state").toString(),
                "--output",
                output.toString(),
                "--no-hygiene"));
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void defaultNetwork_resolvesThroughTheForwarder_reachesBOverBothFamilies_butNotAsLoopback()
      throws Exception {
    // The services the step must not reach are there: A itself reaches them.
    for (String loopback : List.of("127.0.0.1", "::1")) {
      assertThat(
              inA(
                  "" + hostA.pid(),
                  "sh",
                  "-c",
                  "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | busybox nc " + loopback + " 8081"))
          .endsWith("A's loopback service\n");
    }
    Path df =
        dockerfile(
            "outbound",
            """
            RUN nslookup files.test > /dns 2>&1; \\
                a4=$(nslookup -type=a files.test | sed -n 's/^Address: //p' | head -n 1); \\
                a6=$(nslookup -type=aaaa files.test | sed -n 's/^Address: //p' | head -n 1); \\
                printf 'GET /hello.txt HTTP/1.0\\r\\n\\r\\n' | nc -w 5 "$a4" 8080 > /http4; \\
                printf 'GET /hello.txt HTTP/1.0\\r\\n\\r\\n' | nc -w 5 "$a6" 8080 > /http6; \\
                for t in 10.0.2.2 10.0.2.3 fd00::2 fd00::3 127.0.0.1 ::1; do \\
                  echo x | nc -w 3 $t 8081 > /dev/null 2>&1 && echo "reached $t"; \\
                done > /reached; true
            """);
    Path out = tmp.resolve("out-outbound");
    Cli r =
        Cli.inNewJvm(
            List.of("nsenter", "-t", "" + hostA.pid(), "--net", "--mount", "--"),
            env -> {},
            tmp,
            build(df, out).toArray(String[]::new));
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(Files.readString(out.resolve("dns"))).contains("Address: 10.219.0.2");
    assertThat(Files.readString(out.resolve("http4")))
        .contains("200 OK")
        .endsWith("hello from B\n");
    assertThat(Files.readString(out.resolve("http6")))
        .contains("200 OK")
        .endsWith("hello from B\n");
    assertThat(Files.readString(out.resolve("reached"))).isEmpty();
  }

  @Test
  void host_isRefusedWithoutAllow_exit2NamingTheLine_andRunsWithIt() throws Exception {
    Path df = dockerfile("host", "RUN --network=host ip -o link | grep -c . > /links\n");
    Cli refused = Cli.run(build(df, tmp.resolve("out-refused")).toArray(String[]::new));
    assertThat(refused.code()).isEqualTo(ExitCode.INVALID.code());
    assertThat(refused.err())
        .isEqualTo(
            "engine: dockerfile: Dockerfile:2: RUN --network=host is not allowed: the"
                + " network.host entitlement is missing (give --allow network.host, or set"
                + " network.allowHost: true for this image in images.yaml)\n");
    Path out = tmp.resolve("out-allowed");
    Cli allowed = Cli.run(build(df, out, "--allow", "network.host").toArray(String[]::new));
    assertThat(allowed.code()).as(allowed.out() + allowed.err()).isZero();
    // The host's own interfaces: more than loopback.
    assertThat(Integer.parseInt(Files.readString(out.resolve("links")).strip())).isGreaterThan(1);
  }

  @Test
  void slirp4netnsNotOnPath_isExit4NamingThePackage_beforeAnyStep() throws Exception {
    Path df = dockerfile("no-helper", "RUN echo unreachable > /x\n");
    Path state = tmp.resolve("state-no-helper");
    List<String> args = build(df, tmp.resolve("out-no-helper"));
    args.set(args.indexOf(tmp.resolve("state").toString()), state.toString());
    // PATH without /usr/bin, where slirp4netns lives; ip (iproute2) stays in /usr/sbin.
    Cli r =
        Cli.inNewJvm(env -> env.put("PATH", "/usr/sbin:/sbin"), tmp, args.toArray(String[]::new));
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(r.err())
        .contains(
            "RUN steps with network default need slirp4netns, which is not on PATH; install the"
                + " Debian package slirp4netns");
    assertThat(state.resolve("layers")).doesNotExist();
  }
}
