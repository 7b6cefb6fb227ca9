package dev.osimages.engine.registry;

import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (distribution 2.8) for integration tests, on a free 127.0.0.1
 * port with TLS from a CA the test made ({@link TestPki}), and either htpasswd users or {@code
 * auth: token} behind a {@link TokenServer}. Storage, config and log live under one directory;
 * {@link #certsDir} is a {@code certs.d} root naming this registry, as docker and podman read it.
 * {@link #close} stops it and removes everything.
 */
public final class LoopbackRegistry implements AutoCloseable {
  public final Path dir;
  public final int port;
  private Process process;
  private final String auth;

  private LoopbackRegistry(Path dir, int port, String auth) {
    this.dir = dir;
    this.port = port;
    this.auth = auth;
  }

  /** A registry letting {@code user} in with {@code password} (htpasswd, basic auth over TLS). */
  public static LoopbackRegistry basic(Path dir, TestPki pki, String user, String password)
      throws Exception {
    Files.createDirectories(dir);
    String htpasswd = TestPki.sh(dir, "htpasswd -Bbn '" + user + "' '" + password + "'");
    Files.writeString(dir.resolve("htpasswd"), htpasswd);
    return start(
        dir, pki, "  htpasswd: {realm: osimages-test, path: " + dir.resolve("htpasswd") + "}\n");
  }

  /** A registry that trusts the tokens of {@code tokens} ({@code auth: token}). */
  public static LoopbackRegistry token(Path dir, TestPki pki, TokenServer tokens) throws Exception {
    Files.createDirectories(dir);
    return start(
        dir,
        pki,
        "  token:\n"
            + "    realm: "
            + tokens.realm()
            + "\n    service: "
            + TokenServer.SERVICE
            + "\n    issuer: "
            + TokenServer.ISSUER
            + "\n    rootcertbundle: "
            + pki.tokenCert()
            + "\n");
  }

  private static LoopbackRegistry start(Path dir, TestPki pki, String auth) throws Exception {
    for (int attempt = 1; ; attempt++) {
      LoopbackRegistry r = new LoopbackRegistry(dir, freePort(), auth);
      try {
        r.run(pki);
        Path certs = Files.createDirectories(r.certsDir().resolve(r.host()));
        Files.copy(
            pki.caCert(),
            certs.resolve("ca.crt"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return r;
      } catch (IllegalStateException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private void run(TestPki pki) throws IOException, InterruptedException {
    Files.writeString(
        dir.resolve("config.yml"),
        "version: 0.1\n"
            + "log: {level: info}\n"
            + "storage:\n"
            + "  filesystem: {rootdirectory: "
            + dir.resolve("data")
            + "}\n"
            + "  delete: {enabled: true}\n"
            + "http:\n"
            + "  addr: 127.0.0.1:"
            + port
            + "\n  secret: integration-test\n"
            + "  tls: {certificate: "
            + pki.serverCert()
            + ", key: "
            + pki.serverKey()
            + "}\n"
            + "auth:\n"
            + auth);
    ProcessBuilder pb =
        new ProcessBuilder(
                "/usr/bin/docker-registry", "serve", dir.resolve("config.yml").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_"));
    process = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!listening()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException("docker-registry did not start on " + port + ":\n" + log());
      }
      Thread.sleep(100);
    }
  }

  /** Starts it again on the same port and storage (after {@link #stop}). */
  public void restart(TestPki pki) throws IOException, InterruptedException {
    run(pki);
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  /** A certs.d root with {@code 127.0.0.1:PORT/ca.crt}. */
  public Path certsDir() {
    return dir.resolve("certs.d");
  }

  /** The file distribution keeps blob {@code digest} in. */
  public Path blobData(String digest) {
    String hex = digest.substring("sha256:".length());
    return dir.resolve("data/docker/registry/v2/blobs/sha256")
        .resolve(hex.substring(0, 2))
        .resolve(hex)
        .resolve("data");
  }

  public String log() throws IOException {
    Path f = dir.resolve("registry.log");
    return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
  }

  /** skopeo options reaching this registry with {@code user:password}. */
  public String skopeoDest(String creds) {
    return "--dest-cert-dir " + certsDir().resolve(host()) + " --dest-creds '" + creds + "'";
  }

  public String skopeoSrc(String creds) {
    return "--src-cert-dir " + certsDir().resolve(host()) + " --src-creds '" + creds + "'";
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    Trees.delete(dir);
  }
}
