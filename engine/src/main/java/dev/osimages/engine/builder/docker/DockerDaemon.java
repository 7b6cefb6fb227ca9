package dev.osimages.engine.builder.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A connection to one Docker daemon: at {@code DOCKER_HOST} (else the default socket), speaking a
 * pinned API version (1.41, Docker 20.10: a client asking for a newer version is refused by older
 * daemons, and 1.41 is served by every newer one). {@link #connect} pings first, so an absent
 * daemon or a version mismatch is one clear message before any work starts.
 */
public final class DockerDaemon implements AutoCloseable {
  /** The API version the engine speaks unless {@code DOCKER_API_VERSION} says otherwise. */
  public static final String API_VERSION = "1.41";

  private final String host;
  private final String apiVersion;
  private final DockerClientConfig config;
  private final DockerHttpClient http;
  private final DockerClient client;

  private DockerDaemon(String host, String apiVersion, String configDir) {
    this.host = host;
    this.apiVersion = apiVersion;
    this.config = clientConfig(host, apiVersion, configDir);
    this.http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(Duration.ofSeconds(10))
            .build();
    this.client = DockerClientImpl.getInstance(config, http);
  }

  /**
   * docker-java's configuration for the daemon at {@code host}: the API version pinned, registry
   * credentials read from {@code configDir}/config.json (null: docker-java's default directory).
   */
  static DockerClientConfig clientConfig(String host, String apiVersion, String configDir) {
    DefaultDockerClientConfig.Builder b =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host)
            .withApiVersion(apiVersion);
    if (configDir != null) {
      b.withDockerConfig(configDir);
    }
    return b.build();
  }

  /**
   * The daemon the environment names ({@code DOCKER_HOST}, {@code DOCKER_API_VERSION}), with
   * registry credentials from {@code DOCKER_CONFIG} or {@code HOME} ({@link #configDir}); a Java
   * system property of the same name wins, as with docker-java's own configuration.
   */
  public static DockerDaemon fromEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    for (String key : java.util.List.of("DOCKER_HOST", "DOCKER_API_VERSION", "DOCKER_CONFIG")) {
      String p = System.getProperty(key);
      if (p != null) {
        env.put(key, p);
      }
    }
    return connect(env, API_VERSION);
  }

  /**
   * Connects to the daemon {@code env} names and checks it answers.
   *
   * @throws EngineException when it does not, or refuses the API version
   */
  public static DockerDaemon connect(Map<String, String> env, String defaultApiVersion) {
    String host = env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    String version = env.getOrDefault("DOCKER_API_VERSION", defaultApiVersion);
    DockerDaemon d;
    try {
      d = new DockerDaemon(host, version, configDir(env));
    } catch (RuntimeException e) {
      throw new EngineException(
          "DOCKER_HOST=" + host + " is not usable: " + e.getMessage(), ExitCode.ENVIRONMENT, e);
    }
    try {
      d.client.versionCmd().exec();
      return d;
    } catch (RuntimeException e) {
      d.close();
      throw DaemonErrors.connect(host, version, e);
    }
  }

  /**
   * The directory whose {@code config.json} gives registry credentials, found as the docker CLI
   * finds it: {@code DOCKER_CONFIG}, else {@code $HOME/.docker}; null (docker-java's default) when
   * neither is set. docker-java's own default is Java's {@code user.home}, which comes from the
   * account's passwd entry and ignores HOME, so with another HOME (sudo -E, CI runners) pulls would
   * go without the credentials {@code docker login} stored.
   */
  static String configDir(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    if (dir != null && !dir.isBlank()) {
      return dir;
    }
    String home = env.get("HOME");
    return home == null || home.isBlank() ? null : Path.of(home, ".docker").toString();
  }

  /** Where the daemon listens, as DOCKER_HOST says it. */
  public String host() {
    return host;
  }

  /** The API version spoken. */
  public String apiVersion() {
    return apiVersion;
  }

  DockerClient client() {
    return client;
  }

  /**
   * The gateway address of the daemon's {@code bridge} network, where a build on the default
   * network reaches the host; empty when the daemon has no bridge ({@code dockerd --bridge=none}:
   * such a build has no network at all).
   *
   * @throws EngineException {@link ExitCode#ENVIRONMENT} when the bridge has no IPv4 gateway
   */
  java.util.Optional<java.net.InetAddress> bridgeGateway(String cell) {
    com.github.dockerjava.api.model.Network n;
    try {
      n = client.inspectNetworkCmd().withNetworkId("bridge").exec();
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return java.util.Optional.empty();
    }
    if (n.getIpam() != null && n.getIpam().getConfig() != null) {
      for (com.github.dockerjava.api.model.Network.Ipam.Config c : n.getIpam().getConfig()) {
        String gw = c.getGateway();
        if (gw != null && gw.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
          try {
            return java.util.Optional.of(java.net.InetAddress.getByName(gw));
          } catch (java.net.UnknownHostException e) {
            break; // a literal address does not need resolving; unreachable
          }
        }
      }
    }
    throw new EngineException(
        cell
            + ": the archive proxy cannot record a build on the daemon's default network: its"
            + " bridge network has no IPv4 gateway; give the image network.default host (with"
            + " --allow network.host), or build with the chroot backend",
        ExitCode.ENVIRONMENT);
  }

  DockerClientConfig config() {
    return config;
  }

  /** The directory whose config.json gives registry credentials; null for docker-java's own. */
  String configDir() {
    return config instanceof DefaultDockerClientConfig d ? d.getDockerConfigPath() : null;
  }

  DockerHttpClient http() {
    return http;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the connection to " + host, e);
    }
  }
}
