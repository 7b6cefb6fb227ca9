package dev.osimages.engine.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
 * A forward HTTP proxy that apt uses through {@code http_proxy} for one build step: live, it
 * forwards to the archive (or a snapshot of it) and keeps what it serves in the {@link
 * PackageStore}; offline, it serves only what a build recorded. Conditional and range headers are
 * not forwarded, so every fetch is a whole file that can be recorded and replayed. Only plain-HTTP
 * sources pass through it (apt does not use {@code http_proxy} for HTTPS), so HTTPS sources are
 * neither recorded nor available offline.
 *
 * <p>It listens on TCP where its {@link Listen} says (the host's loopback for the bootstrap and
 * host-network steps, a Docker bridge's gateway for the daemon's builds) and, once asked, on a Unix
 * socket in a private directory, which a forwarder inside a RUN step's own network namespace
 * connects to ({@link #unixSocket()}). A proxy for steps with their own network refuses requests
 * for the host's loopback addresses: it runs in the host's namespace, and would otherwise hand a
 * step what its namespace keeps from it.
 */
public final class ArchiveProxy implements AutoCloseable {
  private final ArchiveAccess access;
  private final Consumer<String> log;
  private final Listen listen;
  private final ServerSocket server;
  private ServerSocketChannel unix;
  private Path unixDir;
  private final Map<String, Boolean> loopbackHosts = new ConcurrentHashMap<>();
  private final ExecutorService pool;
  private final Upstream upstream;
  private final Map<String, Fetch> recorded = new LinkedHashMap<>();
  private final List<Fetch> fetched = new ArrayList<>();
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

  /**
   * Where a proxy listens on TCP, and whether it refuses requests for the host's loopback (for
   * steps that have a network namespace of their own).
   */
  public record Listen(InetAddress address, boolean hostLoopbackRefused) {
    /** On the host's loopback, for clients in the host's network namespace. */
    public static final Listen HOST = new Listen(InetAddress.getLoopbackAddress(), false);

    /** On {@code address}, for steps whose network keeps the host's loopback from them. */
    public static Listen forSteps(InetAddress address) {
      return new Listen(address, true);
    }
  }

  private ArchiveProxy(ArchiveAccess access, Consumer<String> log, Listen listen)
      throws IOException {
    this.access = access;
    this.log = log;
    this.listen = listen;
    this.server = new ServerSocket(0, 50, listen.address());
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
   * Starts a proxy for {@code access} ({@link ArchiveAccess.Direct} is refused) on the host's
   * loopback; {@code log} gets one line per refused or failed request.
   */
  public static ArchiveProxy start(ArchiveAccess access, Consumer<String> log) {
    return start(access, log, Listen.HOST);
  }

  /** As above, listening as {@code listen} says. */
  public static ArchiveProxy start(ArchiveAccess access, Consumer<String> log, Listen listen) {
    if (access instanceof ArchiveAccess.Direct) {
      throw new IllegalArgumentException("direct archive access needs no proxy");
    }
    try {
      ArchiveProxy p = new ArchiveProxy(access, log, listen);
      p.pool.execute(p::acceptLoop);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the archive proxy on " + listen.address().getHostAddress(), e);
    }
  }

  /** The value for {@code http_proxy}. */
  public String url() {
    String host = server.getInetAddress().getHostAddress();
    return "http://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + server.getLocalPort()
        + "/";
  }

  /** The TCP port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * A Unix socket that serves the same as the TCP port, in a directory only root may enter (made on
   * the first call, removed on {@link #close()}): what a forwarder in a step's network namespace
   * connects to. Unix sockets are reached through the file system, not a network namespace.
   */
  public synchronized Path unixSocket() {
    if (unix == null) {
      try {
        unixDir = Files.createTempDirectory("engine-archive-proxy-");
        Path sock = unixDir.resolve("proxy.sock");
        unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(sock), 50);
        ServerSocketChannel ch = unix;
        pool.execute(() -> acceptUnix(ch));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the archive proxy's Unix socket", e);
      }
    }
    return unixDir.resolve("proxy.sock");
  }

  /** Everything served so far, in the order the fetches completed. */
  public synchronized List<Fetch> fetched() {
    return List.copyOf(fetched);
  }

  @Override
  public void close() {
    closeQuietly(server);
    synchronized (this) {
      if (unix != null) {
        closeQuietly(unix);
        try {
          Files.deleteIfExists(unixDir.resolve("proxy.sock"));
          Files.deleteIfExists(unixDir);
        } catch (IOException e) {
          // a leftover directory in the temp directory holds nothing but a dead socket
        }
      }
    }
    open.forEach(ArchiveProxy::closeQuietly);
    pool.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        pool.execute(() -> connection(s, in, out));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void acceptUnix(ServerSocketChannel ch) {
    while (ch.isOpen()) {
      try {
        SocketChannel s = ch.accept();
        open.add(s);
        pool.execute(() -> connection(s, Channels.newInputStream(s), Channels.newOutputStream(s)));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void connection(Closeable s, InputStream raw, OutputStream rawOut) {
    try (s;
        InputStream in = new BufferedInputStream(raw);
        OutputStream out = new BufferedOutputStream(rawOut, 1 << 16)) {
      for (ProxyRequest r = ProxyRequest.read(in); r != null; r = ProxyRequest.read(in)) {
        // handle first: a request that closes the connection still gets its answer
        boolean keep = handle(r, out) && r.keepAlive();
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
    if (listen.hostLoopbackRefused() && toHostLoopback(r.uri())) {
      log.accept("archive proxy: refused, the host's loopback is not the step's: " + r.uri());
      Responses.status(out, 403, "this proxy does not lead to the host's loopback addresses");
      return true;
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

  /** True when {@code uri}'s host is, or resolves to, a loopback or wildcard address. */
  private boolean toHostLoopback(String uri) {
    String host;
    try {
      host = URI.create(uri).getHost();
    } catch (IllegalArgumentException e) {
      return false; // the upstream client refuses it
    }
    if (host == null) {
      return false;
    }
    return loopbackHosts.computeIfAbsent(
        host,
        h -> {
          try {
            for (InetAddress a : InetAddress.getAllByName(h)) {
              if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
                return true;
              }
            }
            return false;
          } catch (UnknownHostException e) {
            return false; // not resolvable here: the upstream client reports it
          }
        });
  }

  private synchronized void record(Fetch f) {
    fetched.add(f);
  }

  private static void closeQuietly(Closeable s) {
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
        case 403 -> "Forbidden";
        case 404 -> "Not Found";
        case 501 -> "Not Implemented";
        case 502 -> "Bad Gateway";
        default -> "Status";
      };
    }
  }
}
