package dev.osimages.engine.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A forward HTTP proxy on 127.0.0.1 that apt uses through {@code http_proxy} for one build step:
 * live, it forwards to the archive (or a snapshot of it) and keeps what it serves in the {@link
 * PackageStore}; offline, it serves only what a build recorded. Conditional and range headers are
 * not forwarded, so every fetch is a whole file that can be recorded and replayed. Only plain-HTTP
 * sources pass through it (apt does not use {@code http_proxy} for HTTPS), so HTTPS sources are
 * neither recorded nor available offline.
 */
public final class ArchiveProxy implements AutoCloseable {
  private final ArchiveAccess access;
  private final Consumer<String> log;
  private final ServerSocket server;
  private final ExecutorService pool;
  private final Upstream upstream;
  private final Map<String, Fetch> recorded = new LinkedHashMap<>();
  private final List<Fetch> fetched = new ArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private ArchiveProxy(ArchiveAccess access, Consumer<String> log) throws IOException {
    this.access = access;
    this.log = log;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "archive-proxy");
              t.setDaemon(true);
              return t;
            });
    this.upstream = access instanceof ArchiveAccess.Offline ? null : new Upstream(access);
    if (access instanceof ArchiveAccess.Offline o) {
      o.recorded().forEach(f -> recorded.put(f.url(), f));
    }
  }

  /**
   * Starts a proxy for {@code access} ({@link ArchiveAccess.Direct} is refused); {@code log} gets
   * one line per refused or failed request.
   */
  public static ArchiveProxy start(ArchiveAccess access, Consumer<String> log) {
    if (access instanceof ArchiveAccess.Direct) {
      throw new IllegalArgumentException("direct archive access needs no proxy");
    }
    try {
      ArchiveProxy p = new ArchiveProxy(access, log);
      p.pool.execute(p::acceptLoop);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the archive proxy on 127.0.0.1", e);
    }
  }

  /** The value for {@code http_proxy}. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/";
  }

  /** Everything served so far, in the order the fetches completed. */
  public synchronized List<Fetch> fetched() {
    return List.copyOf(fetched);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing a listening socket cannot fail in a way that matters here
    }
    open.forEach(ArchiveProxy::closeQuietly);
    pool.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        pool.execute(() -> connection(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void connection(Socket s) {
    try (s;
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16)) {
      for (ProxyRequest r = ProxyRequest.read(in); r != null; r = ProxyRequest.read(in)) {
        boolean keep = r.keepAlive() && handle(r, out);
        out.flush();
        if (!keep) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away or sent garbage: its apt reports the failure
    } finally {
      open.remove(s);
    }
  }

  /** Answers one request; false when the connection must close after it. */
  private boolean handle(ProxyRequest r, OutputStream out) throws IOException {
    if (!r.method().equals("GET") || r.hasBody() || !r.uri().startsWith("http://")) {
      log.accept("archive proxy: refused " + r.method() + " " + r.uri());
      Responses.status(out, 501, "this proxy serves GET http:// requests only");
      return false;
    }
    if (upstream == null) {
      return replay(r.uri(), out);
    }
    Upstream.Outcome o = upstream.forward(r, out);
    o.fetch().ifPresent(this::record);
    o.problem().ifPresent(log);
    return o.keepAlive();
  }

  private boolean replay(String url, OutputStream out) throws IOException {
    Fetch f = recorded.get(url);
    if (f == null) {
      log.accept("archive proxy (offline): not recorded, answered 404: " + url);
      Responses.status(out, 404, "not recorded by the build being replayed");
      return true;
    }
    Path file = access instanceof ArchiveAccess.Offline o ? o.store().find(f) : null;
    Responses.head(out, 200, f.size(), f.lastModified());
    Files.copy(file, out);
    record(f);
    return true;
  }

  private synchronized void record(Fetch f) {
    fetched.add(f);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** Writes response heads and short bodies. */
  static final class Responses {
    private Responses() {}

    static void head(OutputStream out, int code, long length, String lastModified)
        throws IOException {
      StringBuilder h =
          new StringBuilder("HTTP/1.1 ").append(code).append(' ').append(reason(code));
      h.append("\r\nContent-Length: ").append(length);
      h.append("\r\nContent-Type: application/octet-stream");
      if (!lastModified.isEmpty()) {
        h.append("\r\nLast-Modified: ").append(lastModified);
      }
      out.write(h.append("\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    static void status(OutputStream out, int code, String message) throws IOException {
      byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
      head(out, code, body.length, "");
      out.write(body);
    }

    static String reason(int code) {
      return switch (code) {
        case 200 -> "OK";
        case 404 -> "Not Found";
        case 501 -> "Not Implemented";
        case 502 -> "Bad Gateway";
        default -> "Status";
      };
    }
  }
}
