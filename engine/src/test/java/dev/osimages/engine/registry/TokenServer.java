package dev.osimages.engine.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The token service of distribution's {@code auth: token} flow, as public registries run it: a
 * client that was refused with a {@code Bearer} challenge asks here (with basic credentials) for a
 * JWT granting the scopes it needs; the registry trusts tokens signed by this test's key. On
 * 127.0.0.1 only. {@link #expired} makes it hand out tokens that expired ten minutes ago.
 */
final class TokenServer implements AutoCloseable {
  static final String SERVICE = "osimages-test-registry";
  static final String ISSUER = "osimages-test-issuer";

  private final HttpServer server;
  private final PrivateKey key;
  private final String x5c;
  private final String user;
  private final String password;
  final AtomicInteger issued = new AtomicInteger();
  volatile boolean expired;

  TokenServer(TestPki pki, String user, String password) throws Exception {
    this.key = pki.tokenKey();
    this.x5c = pki.tokenCertX5c();
    this.user = user;
    this.password = password;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.start();
  }

  String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  private void token(HttpExchange x) throws IOException {
    try (x) {
      String auth = x.getRequestHeaders().getFirst("Authorization");
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(auth)) {
        reply(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
        return;
      }
      List<String> scopes = new ArrayList<>();
      String query = x.getRequestURI().getRawQuery();
      for (String kv : query == null ? new String[0] : query.split("&")) {
        if (kv.startsWith("scope=")) {
          for (String s : URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8).split(" ")) {
            scopes.add(s);
          }
        }
      }
      issued.incrementAndGet();
      reply(x, 200, new JSONObject().put("token", jwt(scopes)).put("expires_in", 300).toString());
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private String jwt(List<String> scopes) throws Exception {
    JSONArray access = new JSONArray();
    for (String s : scopes) {
      String[] p = s.split(":");
      if (p.length == 3) {
        access.put(
            new JSONObject()
                .put("type", p[0])
                .put("name", p[1])
                .put("actions", new JSONArray(List.of(p[2].split(",")))));
      }
    }
    long now = Instant.now().getEpochSecond() - (expired ? 900 : 0);
    JSONObject claims =
        new JSONObject()
            .put("iss", ISSUER)
            .put("sub", user)
            .put("aud", SERVICE)
            .put("iat", now)
            .put("nbf", now - 5)
            .put("exp", now + 300)
            .put("jti", Long.toHexString(System.nanoTime()))
            .put("access", access);
    JSONObject header =
        new JSONObject().put("typ", "JWT").put("alg", "ES256").put("x5c", new JSONArray().put(x5c));
    String signing = b64(header.toString()) + "." + b64(claims.toString());
    Signature sig = Signature.getInstance("SHA256withECDSAinP1363Format");
    sig.initSign(key);
    sig.update(signing.getBytes(StandardCharsets.US_ASCII));
    return signing + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig.sign());
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
