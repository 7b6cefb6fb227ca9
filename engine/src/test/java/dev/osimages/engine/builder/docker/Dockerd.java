package dev.osimages.engine.builder.docker;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private Docker daemon for integration tests: Debian's dockerd started in the background with
 * its own data root, exec root, socket and pid file under one temporary directory, without iptables
 * rules or a bridge (nothing left behind on the host), and stopped, its directory removed, by
 * {@link #close}.
 */
public final class Dockerd implements AutoCloseable {
  private final Path dir;
  private final Process process;

  private Dockerd(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  /** Starts a daemon and waits (up to 60 s) until it answers. */
  public static Dockerd start() throws IOException, InterruptedException {
    return start("none");
  }

  /**
   * As above, its default network on {@code bridge}: "none" for no bridge, else a bridge device the
   * caller made (dockerd adds no iptables rules, so its containers reach the host's address on that
   * bridge and nothing beyond).
   */
  public static Dockerd start(String bridge) throws IOException, InterruptedException {
    // Short path: containerd's sockets live under the exec root and unix socket paths are short.
    Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "dockerd-it-");
    Process p =
        new ProcessBuilder(
                List.of(
                    "dockerd",
                    "--iptables=false",
                    "--bridge=" + bridge,
                    "--host=unix://" + dir.resolve("docker.sock"),
                    "--data-root=" + dir.resolve("data"),
                    "--exec-root=" + dir.resolve("exec"),
                    "--pidfile=" + dir.resolve("docker.pid")))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dockerd.log").toFile())
            .start();
    Dockerd d = new Dockerd(dir, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (DockerDaemon c = DockerDaemon.connect(Map.of("DOCKER_HOST", d.host()), "1.41")) {
        return d;
      } catch (EngineException e) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          String log = Files.readString(dir.resolve("dockerd.log"), StandardCharsets.UTF_8);
          d.close();
          throw new IllegalStateException("dockerd did not start: " + e.getMessage() + "\n" + log);
        }
        Thread.sleep(200);
      }
    }
  }

  /** The DOCKER_HOST value that reaches this daemon. */
  public String host() {
    return "unix://" + dir.resolve("docker.sock");
  }

  /** The daemon's process id. */
  public long pid() {
    return process.pid();
  }

  /** Runs the docker CLI against this daemon and returns its output (fails on a non-zero exit). */
  public String cli(String... args) throws IOException, InterruptedException {
    return cli(Map.of(), args);
  }

  /** Runs the docker CLI against this daemon with {@code env} added to its environment. */
  public String cli(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> argv = new java.util.ArrayList<>(List.of("docker"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("DOCKER_HOST", host());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("docker " + String.join(" ", args) + ": " + out);
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: dockerd unmounts its layers and exits
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    unmountUnder(dir);
    Trees.delete(dir);
  }

  /** Lazily unmounts what the daemon left mounted under {@code dir} (its netns), deepest first. */
  private static void unmountUnder(Path dir) throws InterruptedException {
    List<String> mounts = new java.util.ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
        String point = line.split(" ")[1].replace("\\040", " ");
        if (point.startsWith(dir + "/")) {
          mounts.add(point);
        }
      }
      mounts.sort(java.util.Comparator.reverseOrder());
      for (String m : mounts) {
        new ProcessBuilder("umount", "--lazy", m).inheritIO().start().waitFor();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot unmount under " + dir, e);
    }
  }
}
