package dev.osimages.engine.builder.docker;

import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private image registry for integration tests: Debian's {@code docker-registry} (distribution
 * 2.8) serving plain HTTP on 127.0.0.1 at a free port (Docker talks plain HTTP to 127.0.0.0/8
 * registries by default), filesystem storage and an htpasswd file with one user, all under one
 * temporary directory; {@link #close} stops it and removes the directory.
 */
public final class PrivateRegistry implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Process process;

  private PrivateRegistry(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts a registry that lets {@code user} in with {@code password}; waits until it answers. */
  public static PrivateRegistry start(String user, String password)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "registry-it-");
    try {
      Files.writeString(dir.resolve("htpasswd"), run("htpasswd", "-Bbn", user, password));
      // A port found free can be taken before the registry binds it: try another one then.
      for (int attempt = 1; ; attempt++) {
        try {
          return startOn(dir, freePort());
        } catch (IllegalStateException e) {
          if (attempt == 3) {
            throw e;
          }
        }
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      Trees.delete(dir);
      throw e;
    }
  }

  private static PrivateRegistry startOn(Path dir, int port)
      throws IOException, InterruptedException {
    Files.writeString(
        dir.resolve("config.yml"),
        String.join(
            "\n",
            "version: 0.1",
            "log: {level: info}",
            "storage:",
            "  filesystem: {rootdirectory: " + dir.resolve("data") + "}",
            "http:",
            "  addr: 127.0.0.1:" + port,
            "  secret: integration-test",
            "auth:",
            "  htpasswd: {realm: integration-test, path: " + dir.resolve("htpasswd") + "}",
            ""));
    ProcessBuilder pb =
        new ProcessBuilder(
                "/usr/bin/docker-registry", "serve", dir.resolve("config.yml").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile());
    // REGISTRY_* variables would override the configuration file.
    pb.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_"));
    Process p = pb.start();
    PrivateRegistry r = new PrivateRegistry(dir, port, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (r.status() != HttpURLConnection.HTTP_UNAUTHORIZED) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        r.stop();
        throw new IllegalStateException(
            "docker-registry did not start on port " + port + ":\n" + r.log());
      }
      Thread.sleep(100);
    }
    return r;
  }

  /** The registry's host:port, the first component of its image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** The registry process's id. */
  public long pid() {
    return process.pid();
  }

  /** What the registry logged so far (its access log included). */
  public String log() throws IOException {
    return Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8);
  }

  /** The HTTP status of an anonymous {@code GET /v2/}, or -1 while nothing answers. */
  private int status() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create("http://" + host() + "/v2/").toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(1000);
      try {
        return c.getResponseCode();
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String run(String... argv) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(List.of(argv)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(argv[0] + " exited " + p.exitValue());
    }
    return out;
  }

  private void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    Trees.delete(dir);
  }
}
