package dev.osimages.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive proxy against a small archive served on 127.0.0.1 (an InRelease and a real .deb made
 * with dpkg-deb), spoken to the way apt does: absolute-form GETs, several on one connection.
 */
class ArchiveProxyTest {
  private static final String RELEASE =
      "Origin: Test\nSuite: stable\nCodename: trixie\nDate: Sat, 21 Nov 2026 09:15:44 UTC\n";
  private static final String DEB = "pool/main/h/hello/hello_1.0_all.deb";

  @TempDir Path dir;
  private HttpServer archive;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<String> served = new ArrayList<>();
  private PackageStore store;
  private String mirror;

  @BeforeEach
  void startArchive() throws Exception {
    Path pkg = dir.resolve("pkg");
    Files.createDirectories(pkg.resolve("DEBIAN"));
    Files.writeString(
        pkg.resolve("DEBIAN/control"),
        "Package: hello\nVersion: 1.0\nArchitecture: all\nMaintainer: t <t@example.org>\n"
            + "Description: test\n");
    Files.createDirectories(pkg.resolve("usr/share/hello"));
    Files.writeString(pkg.resolve("usr/share/hello/greeting"), "hello\n");
    Path deb = dir.resolve("hello.deb");
    Process p =
        new ProcessBuilder(
                "dpkg-deb", "--root-owner-group", "--build", pkg.toString(), deb.toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    for (String root : List.of("/debian/", "/snap/debian/20261130T000000Z/")) {
      files.put(root + "dists/trixie/InRelease", RELEASE.getBytes(StandardCharsets.UTF_8));
      files.put(root + DEB, Files.readAllBytes(deb));
    }
    archive = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    archive.createContext(
        "/",
        x -> {
          byte[] body = files.get(x.getRequestURI().getPath());
          synchronized (served) {
            served.add(x.getRequestURI().getPath());
          }
          x.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            x.getResponseBody().write(body);
          }
          x.close();
        });
    archive.start();
    mirror = "http://127.0.0.1:" + archive.getAddress().getPort() + "/debian";
    store = new PackageStore(dir.resolve("packages"));
  }

  @AfterEach
  void stopArchive() {
    archive.stop(0);
  }

  /** Sends {@code urls} as pipelined GETs on one connection; returns status and body of each. */
  private static List<String[]> get(ArchiveProxy proxy, String... urls) throws IOException {
    int port = Integer.parseInt(proxy.url().replaceAll(".*:(\\d+)/$", "$1"));
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = s.getOutputStream();
      StringBuilder req = new StringBuilder();
      for (String u : urls) {
        req.append("GET ").append(u).append(" HTTP/1.1\r\nHost: x\r\nUser-Agent: test\r\n\r\n");
      }
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      List<String[]> answers = new ArrayList<>();
      for (int i = 0; i < urls.length; i++) {
        String status = line(in);
        long length = 0;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
          if (h.toLowerCase().startsWith("content-length:")) {
            length = Long.parseLong(h.substring(15).strip());
          }
        }
        answers.add(
            new String[] {
              status, new String(in.readNBytes((int) length), StandardCharsets.ISO_8859_1)
            });
      }
      return answers;
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void live_servesRecordsAndKeepsWhatApsFetched_pipelined() throws Exception {
    List<Fetch> fetched;
    try (ArchiveProxy proxy = ArchiveProxy.start(new ArchiveAccess.Live(store), l -> {})) {
      List<String[]> a =
          get(proxy, mirror + "/dists/trixie/InRelease", mirror + "/" + DEB, mirror + "/missing");
      assertThat(a.get(0)[0]).isEqualTo("HTTP/1.1 200 OK");
      assertThat(a.get(0)[1]).isEqualTo(RELEASE);
      assertThat(a.get(1)[0]).isEqualTo("HTTP/1.1 200 OK");
      assertThat(a.get(2)[0]).startsWith("HTTP/1.1 404");
      fetched = proxy.fetched();
    }
    assertThat(fetched)
        .extracting(Fetch::url)
        .containsExactly(mirror + "/dists/trixie/InRelease", mirror + "/" + DEB);
    Fetch deb = fetched.get(1);
    assertThat(deb.deb()).contains(new Fetch.DebPackage("hello", "1.0", "all"));
    assertThat(deb.sha256())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(files.get("/debian/" + DEB))));
    assertThat(store.root().resolve("debs/hello_1.0_all.deb")).isRegularFile();
    assertThat(store.find(fetched.get(0))).isRegularFile();
    ArchiveRecord r =
        ArchiveRecord.of(
            java.util.OptionalLong.of(1L),
            new ArchiveAccess.Live(store),
            fetched,
            java.util.Optional.of(store));
    assertThat(r.releases())
        .containsExactly(
            new ArchiveRecord.Release(
                mirror + "/dists/trixie/InRelease",
                "stable",
                "trixie",
                "Sat, 21 Nov 2026 09:15:44 UTC",
                fetched.get(0).sha256()));
    assertThat(r.packages()).containsExactly(deb);
  }

  @Test
  void snapshot_fetchesTheSamePathFromTheSnapshotAndRecordsTheArchiveUrl() throws Exception {
    String snap =
        "http://127.0.0.1:" + archive.getAddress().getPort() + "/snap/debian/20261130T000000Z/";
    ArchiveAccess access =
        new ArchiveAccess.Snapshot(store, "20261130T000000Z", Map.of(mirror, snap));
    try (ArchiveProxy proxy = ArchiveProxy.start(access, l -> {})) {
      assertThat(get(proxy, mirror + "/" + DEB).get(0)[0]).isEqualTo("HTTP/1.1 200 OK");
      assertThat(proxy.fetched()).extracting(Fetch::url).containsExactly(mirror + "/" + DEB);
    }
    assertThat(served).containsExactly("/snap/debian/20261130T000000Z/" + DEB);
  }

  @Test
  void offline_servesOnlyWhatWasRecorded_withoutTheArchive() throws Exception {
    List<Fetch> recorded;
    try (ArchiveProxy proxy = ArchiveProxy.start(new ArchiveAccess.Live(store), l -> {})) {
      get(proxy, mirror + "/" + DEB);
      recorded = proxy.fetched();
    }
    archive.stop(0);
    List<String> log = new ArrayList<>();
    try (ArchiveProxy proxy =
        ArchiveProxy.start(new ArchiveAccess.Offline(store, recorded), log::add)) {
      List<String[]> a = get(proxy, mirror + "/" + DEB, mirror + "/dists/trixie/InRelease");
      assertThat(a.get(0)[0]).isEqualTo("HTTP/1.1 200 OK");
      assertThat(a.get(0)[1].getBytes(StandardCharsets.ISO_8859_1))
          .isEqualTo(files.get("/debian/" + DEB));
      assertThat(a.get(1)[0]).startsWith("HTTP/1.1 404");
      assertThat(proxy.fetched()).isEqualTo(recorded);
    }
    assertThat(log)
        .containsExactly(
            "archive proxy (offline): not recorded, answered 404: "
                + mirror
                + "/dists/trixie/InRelease");
  }

  @Test
  void otherMethods_areRefused() throws Exception {
    try (ArchiveProxy proxy = ArchiveProxy.start(new ArchiveAccess.Live(store), l -> {})) {
      int port = Integer.parseInt(proxy.url().replaceAll(".*:(\\d+)/$", "$1"));
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.getOutputStream()
            .write(
                "CONNECT example.org:443 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(line(s.getInputStream())).isEqualTo("HTTP/1.1 501 Not Implemented");
      }
    }
  }

  @Test
  void stepProxy_refusesTheHostsLoopback_onTcpAndOnItsUnixSocket() throws Exception {
    List<String> log = new ArrayList<>();
    Path sock;
    try (ArchiveProxy proxy =
        ArchiveProxy.start(
            new ArchiveAccess.Live(store),
            log::add,
            ArchiveProxy.Listen.forSteps(InetAddress.getLoopbackAddress()))) {
      String local = "http://localhost:" + archive.getAddress().getPort() + "/debian/" + DEB;
      List<String[]> a = get(proxy, mirror + "/" + DEB, local);
      assertThat(a.get(0)[0]).isEqualTo("HTTP/1.1 403 Forbidden");
      assertThat(a.get(1)[0]).isEqualTo("HTTP/1.1 403 Forbidden");
      sock = proxy.unixSocket();
      assertThat(sock.getParent()).isDirectory();
      assertThat(java.nio.file.Files.getPosixFilePermissions(sock.getParent()))
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      try (java.nio.channels.SocketChannel ch =
          java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(sock))) {
        ch.write(
            java.nio.ByteBuffer.wrap(
                ("GET " + mirror + "/" + DEB + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(line(java.nio.channels.Channels.newInputStream(ch)))
            .isEqualTo("HTTP/1.1 403 Forbidden");
      }
      assertThat(proxy.fetched()).isEmpty();
    }
    assertThat(served).isEmpty();
    assertThat(sock).doesNotExist();
    assertThat(sock.getParent()).doesNotExist();
    assertThat(log)
        .hasSize(3)
        .allMatch(
            l -> l.startsWith("archive proxy: refused, the host's loopback is not the step's"));
  }

  @Test
  void unixSocket_servesAsTheTcpPortDoes() throws Exception {
    try (ArchiveProxy proxy = ArchiveProxy.start(new ArchiveAccess.Live(store), l -> {});
        java.nio.channels.SocketChannel ch =
            java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(proxy.unixSocket()))) {
      ch.write(
          java.nio.ByteBuffer.wrap(
              ("GET " + mirror + "/dists/trixie/InRelease HTTP/1.1\r\nHost: x\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1)));
      assertThat(line(java.nio.channels.Channels.newInputStream(ch))).isEqualTo("HTTP/1.1 200 OK");
      assertThat(proxy.fetched())
          .extracting(Fetch::url)
          .containsExactly(mirror + "/dists/trixie/InRelease");
    }
  }

  @Test
  void requestThatClosesTheConnection_stillGetsItsAnswer() throws Exception {
    // busybox wget sends "Connection: close"; the proxy once closed without answering.
    try (ArchiveProxy proxy = ArchiveProxy.start(new ArchiveAccess.Live(store), l -> {});
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      s.getOutputStream()
          .write(
              ("GET " + mirror + "/dists/trixie/InRelease HTTP/1.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      assertThat(line(s.getInputStream())).isEqualTo("HTTP/1.1 200 OK");
    }
  }
}
