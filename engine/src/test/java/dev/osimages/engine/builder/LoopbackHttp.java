package dev.osimages.engine.builder;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file server on 127.0.0.1 (a free port) for tests of {@code ADD URL}: serves the bytes put under
 * a path with an ETag (the content's hash), answers 304 to a matching If-None-Match, 404 to
 * anything else, and counts the requests and full transfers per path.
 */
public final class LoopbackHttp implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> transfers = new ConcurrentHashMap<>();

  public LoopbackHttp() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
          byte[] body = files.get(path);
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
          }
          String etag = "\"" + java.util.Arrays.hashCode(body) + "\"";
          ex.getResponseHeaders().add("ETag", etag);
          ex.getResponseHeaders().add("Last-Modified", "Tue, 03 Jun 2025 10:00:00 GMT");
          if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
          }
          transfers.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** Serves {@code body} at {@code path} from now on. */
  public void put(String path, byte[] body) {
    files.put(path, body);
  }

  /** The URL of {@code path}. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Requests for {@code path} so far. */
  public int requests(String path) {
    return requests.getOrDefault(path, new AtomicInteger()).get();
  }

  /** Full transfers (200 answers) of {@code path} so far. */
  public int transfers(String path) {
    return transfers.getOrDefault(path, new AtomicInteger()).get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
