package dev.osimages.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.PackageManager;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.plan.PlannedCell;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cell is refused before its build when a source its Dockerfile fetches is unpinned or cannot be
 * reached; against an HTTP server on 127.0.0.1 started here (and a loopback port nobody listens
 * on).
 */
class SourceCheckTest {
  private static final String SHA = "a".repeat(64);
  private HttpServer server;
  private String base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          int status = ex.getRequestURI().getPath().equals("/there.tgz") ? 200 : 404;
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static PlannedCell planned(Map<String, String> args, String dockerfile) {
    Cell cell =
        new Cell(
            "debian/13",
            "debian",
            "13",
            "debian",
            args,
            new Base.Registry("x"),
            Path.of("t"),
            List.of(),
            PackageManager.DPKG,
            Path.of("out"),
            List.of(),
            List.of(),
            new SourcePosition("images.yaml", 1, 1));
    return new PlannedCell(cell, dockerfile, "h", Optional.empty(), true, Map.of());
  }

  @Test
  void check_pinnedAndReachableSource_passes() {
    String url = base + "/there.tgz";
    new SourceCheck()
        .check(
            planned(
                Map.of("X_URL", url, "X_SHA256", SHA), "ADD --checksum=sha256:" + SHA + " " + url));
  }

  @Test
  void check_emptyPin_refusesTheCellNamingSourceAndPin() {
    String url = base + "/there.tgz";
    assertThatThrownBy(
            () ->
                new SourceCheck()
                    .check(planned(Map.of("X_URL", url, "X_SHA256", ""), "ADD " + url + " /x")))
        .hasMessage(
            "debian/13: source X_URL " + url + " is not pinned: X_SHA256 is empty; not built");
  }

  @Test
  void check_malformedFingerprint_isNotAPin() {
    String url = base + "/there.tgz";
    assertThatThrownBy(
            () ->
                new SourceCheck()
                    .check(planned(Map.of("K_URL", url, "K_FINGERPRINT", "ABCD"), "curl " + url)))
        .hasMessageContaining("K_FINGERPRINT 'ABCD' is not 40 hex digits");
  }

  @Test
  void check_sourceTheDockerfileDoesNotUse_isNotChecked() {
    new SourceCheck().check(planned(Map.of("X_URL", "http://nowhere.invalid/x"), "FROM scratch"));
  }

  @Test
  void check_notFound_refusesWithTheStatus() {
    String url = base + "/gone.tgz";
    assertThatThrownBy(
            () ->
                new SourceCheck()
                    .check(planned(Map.of("X_URL", url, "X_SHA256", SHA), "ADD " + url + " /x")))
        .hasMessage(
            "debian/13: source X_URL "
                + url
                + " is unreachable: the server answered HTTP 404;"
                + " not built");
  }

  @Test
  void check_nobodyListening_refusesAsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/x.tgz";
    assertThatThrownBy(
            () ->
                new SourceCheck()
                    .check(planned(Map.of("X_URL", url, "X_SHA256", SHA), "ADD " + url + " /x")))
        .hasMessageStartingWith("debian/13: source X_URL " + url + " is unreachable: ")
        .hasMessageEndingWith("; not built");
  }

  @Test
  void check_imageWithoutDigest_isRefused_andWithOneIsLeftToTheBackend() {
    String tag = "ghcr.io/example/tool:v1";
    assertThatThrownBy(
            () ->
                new SourceCheck()
                    .check(planned(Map.of("TOOL_IMAGE", tag), "COPY --from=" + tag + " /t /t")))
        .hasMessage(
            "debian/13: source TOOL_IMAGE "
                + tag
                + " is not pinned: the reference has no @sha256: digest; not built");
    String pinned = "ghcr.io/example/tool@sha256:" + SHA;
    new SourceCheck()
        .check(planned(Map.of("TOOL_IMAGE", pinned), "COPY --from=" + pinned + " /t /t"));
  }

  @Test
  void unreachable_otherSchemes_areRefused() {
    assertThat(new SourceCheck().unreachable("ftp://127.0.0.1/x"))
        .contains("only http and https URLs can be fetched");
  }
}
