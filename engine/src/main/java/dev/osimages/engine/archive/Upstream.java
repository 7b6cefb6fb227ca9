package dev.osimages.engine.archive;

import dev.osimages.engine.host.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The archive side of the {@link ArchiveProxy}: fetches what apt asked for (from a snapshot when
 * one is set), streams it to apt while writing it to the {@link PackageStore} and digesting it, and
 * returns the record. The engine's own {@code http_proxy}, if set, is used on the way out.
 */
final class Upstream {
  /** What forwarding one request gave: the record of a kept file, a problem worth logging. */
  record Outcome(Optional<Fetch> fetch, Optional<String> problem, boolean keepAlive) {}

  private final HttpClient client;
  private final PackageStore store;
  private final Map<String, String> mirrors = new LinkedHashMap<>();

  Upstream(ArchiveAccess access) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30));
    outgoingProxy().ifPresent(b::proxy);
    this.client = b.build();
    if (access instanceof ArchiveAccess.Snapshot s) {
      this.store = s.store();
      // Longest first, so that a mirror inside another's path wins.
      s.mirrors().entrySet().stream()
          .sorted((x, y) -> y.getKey().length() - x.getKey().length())
          .forEach(
              e ->
                  mirrors.put(
                      e.getKey().replaceAll("/+$", ""), e.getValue().replaceAll("/+$", "")));
    } else {
      this.store = ((ArchiveAccess.Live) access).store();
    }
  }

  /** Where {@code url} is fetched from: the snapshot's URL for the same path under a mirror. */
  String target(String url) {
    for (Map.Entry<String, String> m : mirrors.entrySet()) {
      if (url.equals(m.getKey()) || url.startsWith(m.getKey() + "/")) {
        return m.getValue() + url.substring(m.getKey().length());
      }
    }
    return url;
  }

  Outcome forward(ProxyRequest r, OutputStream out) throws IOException {
    String target = target(r.uri());
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(target)).GET().timeout(Duration.ofMinutes(10));
    String agent = r.headers().get("user-agent");
    if (agent != null) {
      req.header("User-Agent", agent);
    }
    HttpResponse<InputStream> resp;
    try {
      resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException | IllegalArgumentException e) {
      ArchiveProxy.Responses.status(out, 502, "cannot reach " + target + ": " + e.getMessage());
      return new Outcome(
          Optional.empty(), Optional.of("archive proxy: " + target + ": " + e.getMessage()), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = resp.body()) {
      if (resp.statusCode() != 200) {
        // apt probes for files that may not exist (compressed variants): pass the answer on.
        byte[] bytes = body.readNBytes(1 << 20);
        ArchiveProxy.Responses.head(out, resp.statusCode(), bytes.length, "");
        out.write(bytes);
        return new Outcome(Optional.empty(), Optional.empty(), true);
      }
      long length = resp.headers().firstValueAsLong("content-length").orElse(-1);
      String lastModified = resp.headers().firstValue("last-modified").orElse("");
      return new Outcome(
          Optional.of(keep(r.uri(), body, length, lastModified, out)), Optional.empty(), true);
    }
  }

  /** Tees {@code body} to the client and a temp file, then moves that into the store. */
  private Fetch keep(
      String url, InputStream body, long length, String lastModified, OutputStream out)
      throws IOException {
    Path temp = store.newTemp();
    try {
      MessageDigest md = Digests.sha256();
      long n = 0;
      byte[] buf = new byte[1 << 16];
      // With a known length apt gets the bytes as they arrive; otherwise only once all are here.
      if (length >= 0) {
        ArchiveProxy.Responses.head(out, 200, length, lastModified);
      }
      try (OutputStream file = Files.newOutputStream(temp)) {
        for (int k = body.read(buf); k >= 0; k = body.read(buf)) {
          file.write(buf, 0, k);
          md.update(buf, 0, k);
          if (length >= 0) {
            out.write(buf, 0, k);
          }
          n += k;
        }
      }
      if (length >= 0 && n != length) {
        throw new IOException(url + ": the archive sent " + n + " of " + length + " bytes");
      }
      if (length < 0) {
        ArchiveProxy.Responses.head(out, 200, n, lastModified);
        Files.copy(temp, out);
      }
      return store.keep(temp, url, HexFormat.of().formatHex(md.digest()), n, lastModified);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The engine's own {@code http_proxy}, for hosts that reach the archive only through one. */
  private static Optional<ProxySelector> outgoingProxy() {
    String p = System.getenv("http_proxy");
    if (p == null || p.isBlank()) {
      return Optional.empty();
    }
    try {
      URI u = URI.create(p.strip());
      int port = u.getPort() < 0 ? 80 : u.getPort();
      return Optional.of(ProxySelector.of(new InetSocketAddress(u.getHost(), port)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
