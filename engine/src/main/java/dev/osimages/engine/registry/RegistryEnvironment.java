package dev.osimages.engine.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the container tools' configuration is on this host, from the environment as docker, podman
 * and skopeo read it: registries.conf ({@code --registries-conf} overrides), credential files, and
 * the per-registry CA directories ({@code certs.d}). A record so tests can point it anywhere.
 *
 * @param registriesConf a file given on the command line, used instead of the search below
 * @param env the environment ({@code HOME}, {@code XDG_CONFIG_HOME}, {@code XDG_RUNTIME_DIR},
 *     {@code DOCKER_CONFIG}, {@code REGISTRY_AUTH_FILE})
 * @param extraCertsDirs {@code certs.d}-style directories searched before the standard ones
 */
public record RegistryEnvironment(
    Optional<Path> registriesConf, Map<String, String> env, List<Path> extraCertsDirs) {
  public RegistryEnvironment {
    env = Map.copyOf(env);
    extraCertsDirs = List.copyOf(extraCertsDirs);
  }

  /** This process's environment. */
  public static RegistryEnvironment ofProcess(Optional<Path> registriesConf, List<Path> certsDirs) {
    return new RegistryEnvironment(registriesConf, System.getenv(), certsDirs);
  }

  /** {@code $XDG_CONFIG_HOME}, else {@code $HOME/.config}. */
  Optional<Path> configHome() {
    String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
    if (!xdg.isEmpty()) {
      return Optional.of(Path.of(xdg));
    }
    return home().map(h -> h.resolve(".config"));
  }

  Optional<Path> home() {
    String home = env.getOrDefault("HOME", "");
    return home.isEmpty() ? Optional.empty() : Optional.of(Path.of(home));
  }

  /** The docker CLI's configuration directory: {@code $DOCKER_CONFIG}, else {@code ~/.docker}. */
  public Optional<Path> dockerConfigDir() {
    String d = env.getOrDefault("DOCKER_CONFIG", "");
    return d.isEmpty() ? home().map(h -> h.resolve(".docker")) : Optional.of(Path.of(d));
  }

  /**
   * Credential files in the order podman and skopeo search them: {@code REGISTRY_AUTH_FILE} alone
   * when set; else {@code $XDG_RUNTIME_DIR/containers/auth.json}, {@code
   * $XDG_CONFIG_HOME/containers/auth.json}, then docker's {@code config.json}.
   */
  List<Path> authFiles() {
    String explicit = env.getOrDefault("REGISTRY_AUTH_FILE", "");
    if (!explicit.isEmpty()) {
      return List.of(Path.of(explicit));
    }
    List<Path> files = new ArrayList<>();
    String runtime = env.getOrDefault("XDG_RUNTIME_DIR", "");
    if (!runtime.isEmpty()) {
      files.add(Path.of(runtime, "containers", "auth.json"));
    }
    configHome().ifPresent(c -> files.add(c.resolve("containers/auth.json")));
    dockerConfigDir().ifPresent(d -> files.add(d.resolve("config.json")));
    return files;
  }

  /**
   * registries.conf files as containers-registries.conf(5) orders them: the command line's file
   * alone; else the user's file if it exists, otherwise the system's; then the drop-in files
   * ({@code registries.conf.d/*.conf}) of both places, by name.
   */
  List<Path> registriesConfFiles() {
    if (registriesConf.isPresent()) {
      return List.of(registriesConf.get());
    }
    Path system = Path.of("/etc/containers");
    Optional<Path> user = configHome().map(c -> c.resolve("containers"));
    List<Path> files = new ArrayList<>();
    Path userFile = user.map(u -> u.resolve("registries.conf")).orElse(null);
    files.add(
        userFile != null && userFile.toFile().isFile()
            ? userFile
            : system.resolve("registries.conf"));
    files.addAll(dropIns(system.resolve("registries.conf.d")));
    user.ifPresent(u -> files.addAll(dropIns(u.resolve("registries.conf.d"))));
    return files;
  }

  /**
   * {@code certs.d} roots, each holding {@code HOST[:PORT]/*.crt}: the extra ones, docker's {@code
   * /etc/docker/certs.d}, then {@code /etc/containers/certs.d} and the user's.
   */
  List<Path> certsDirs() {
    List<Path> dirs = new ArrayList<>(extraCertsDirs);
    dirs.add(Path.of("/etc/docker/certs.d"));
    dirs.add(Path.of("/etc/containers/certs.d"));
    configHome().ifPresent(c -> dirs.add(c.resolve("containers/certs.d")));
    return dirs;
  }

  private static List<Path> dropIns(Path dir) {
    String[] names = dir.toFile().list((d, n) -> n.endsWith(".conf"));
    if (names == null) {
      return List.of();
    }
    java.util.Arrays.sort(names);
    return java.util.Arrays.stream(names).map(dir::resolve).toList();
  }
}
