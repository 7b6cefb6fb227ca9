package dev.osimages.engine.builder;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Files that {@code ADD URL} fetches, cached in the state directory by content digest ({@code
 * downloads/sha256-<hex>/content}). A pinned download ({@code --checksum}) whose digest is cached
 * needs no network; an unpinned one is asked for again on every build, as Docker does, with the
 * last answer's ETag and Last-Modified, so an unchanged file is not transferred twice. Content that
 * does not match its pin is never kept.
 */
public final class RemoteFiles {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(30))
          .build();
  private final Path dir;

  /** Caches under {@code dir} (the engine uses {@code <state>/downloads}). */
  public RemoteFiles(Path dir) {
    this.dir = dir;
  }

  /** A fetched file: where its bytes are, their sha256 (hex), and whether the network was used. */
  public record Fetched(Path content, String digest, boolean fetched) {}

  /** A download that failed: unreachable, an HTTP error, or content not matching its pin. */
  public static final class FetchException extends EngineException {
    FetchException(String message, Throwable cause) {
      super(message, ExitCode.FAILED, cause);
    }
  }

  /**
   * The content of {@code url}; with {@code pin} (64 hex digits) it must have that sha256.
   *
   * @throws FetchException naming what went wrong (both digests on a mismatch)
   */
  public Fetched fetch(URI url, Optional<String> pin, Consumer<String> lines) {
    if (pin.isPresent() && Files.isRegularFile(content(pin.get()))) {
      used(pin.get());
      return new Fetched(content(pin.get()), pin.get(), false);
    }
    UrlMeta last = UrlMeta.read(meta(url));
    HttpRequest.Builder req = HttpRequest.newBuilder(url).GET();
    if (pin.isEmpty() && Files.isRegularFile(content(last.digest()))) {
      last.etag().ifPresent(e -> req.header("If-None-Match", e));
      last.lastModified().ifPresent(m -> req.header("If-Modified-Since", m));
    }
    HttpResponse<InputStream> resp = send(url, req.build());
    try (InputStream body = resp.body()) {
      if (resp.statusCode() == 304 && !last.digest().isEmpty()) {
        lines.accept("not modified: " + url);
        used(last.digest());
        return new Fetched(content(last.digest()), last.digest(), true);
      }
      if (resp.statusCode() != 200) {
        throw new FetchException("cannot download " + url + ": HTTP " + resp.statusCode(), null);
      }
      lines.accept("downloading " + url);
      String digest = store(url, body, pin);
      new UrlMeta(
              digest, resp.headers().firstValue("ETag"), resp.headers().firstValue("Last-Modified"))
          .write(meta(url));
      return new Fetched(content(digest), digest, true);
    } catch (IOException e) {
      throw new FetchException("cannot download " + url + ": " + message(e), e);
    }
  }

  /** The Last-Modified header of the last answer for {@code url}, if the server sent one. */
  public Optional<String> lastModified(URI url) {
    return UrlMeta.read(meta(url)).lastModified();
  }

  private static HttpResponse<InputStream> send(URI url, HttpRequest req) {
    try {
      return HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new FetchException("cannot download " + url + ": " + message(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted while downloading " + url, e);
    }
  }

  /** Streams {@code body} into the cache while hashing it; returns the digest. */
  private String store(URI url, InputStream body, Optional<String> pin) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempDirectory(dir, ".tmp-download-");
    try {
      MessageDigest md = Digests.sha256();
      try (OutputStream out = Files.newOutputStream(tmp.resolve("content"))) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = body.read(buf)) > 0; ) {
          md.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      String digest = HexFormat.of().formatHex(md.digest());
      if (pin.isPresent() && !pin.get().equals(digest)) {
        throw new FetchException(
            "checksum mismatch for "
                + url
                + ": expected sha256:"
                + pin.get()
                + ", got sha256:"
                + digest,
            null);
      }
      Files.writeString(tmp.resolve("meta.properties"), "step=" + url + "\nkey=" + digest + "\n");
      Trees.publish(tmp, content(digest).getParent());
      return digest;
    } finally {
      Trees.delete(tmp);
    }
  }

  /** Marks a cached download used now ({@code engine cache prune} reads the time). */
  private void used(String digest) {
    try {
      Files.setLastModifiedTime(
          content(digest).resolveSibling("meta.properties"),
          java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
    } catch (IOException e) {
      // The time only guides pruning; a read-only cache still serves builds.
    }
  }

  private Path content(String digest) {
    return dir.resolve("sha256-" + digest).resolve("content");
  }

  private Path meta(URI url) {
    return dir.resolve("urls").resolve(Digests.of(url.toString()).substring(0, 32) + ".properties");
  }

  private static String message(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
