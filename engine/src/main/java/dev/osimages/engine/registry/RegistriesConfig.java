package dev.osimages.engine.registry;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import land.oras.ContainerRef;
import land.oras.Registry;
import land.oras.auth.RegistriesConf;
import land.oras.exception.OrasException;

/**
 * The parts of containers-registries.conf(5) the engine honours: {@code
 * unqualified-search-registries}, {@code [aliases]}, and per-registry {@code insecure} and {@code
 * blocked} ({@code [[registry]]} tables matched by prefix). The TOML is read by the ORAS SDK's
 * {@code RegistriesConf}; which files are read, and in which order, is decided here ({@link
 * RegistryEnvironment#registriesConfFiles}), because the SDK looks under {@code $HOME} rather than
 * {@code $XDG_CONFIG_HOME} and merges the user's file with the system's.
 */
final class RegistriesConfig {
  private final RegistriesConf conf;
  private final List<Path> files;
  private final boolean tables;

  private RegistriesConfig(RegistriesConf conf, List<Path> files, boolean tables) {
    this.conf = conf;
    this.files = files;
    this.tables = tables;
  }

  static RegistriesConfig load(RegistryEnvironment env) {
    List<Path> files = env.registriesConfFiles().stream().filter(Files::isRegularFile).toList();
    if (env.registriesConf().isPresent() && files.isEmpty()) {
      throw new EngineException(
          "--registries-conf " + env.registriesConf().get() + ": no such file", ExitCode.INVALID);
    }
    try {
      return new RegistriesConfig(RegistriesConf.newConf(files), files, hasTables(files));
    } catch (OrasException | IllegalArgumentException e) {
      throw new EngineException(
          files + ": not a valid registries.conf: " + firstLine(e), ExitCode.INVALID, e);
    }
  }

  /**
   * Whether any file has per-registry tables: without them nothing is insecure or blocked, and the
   * SDK's registry object (an HTTP client and another reading of the default files) is not made.
   */
  private static boolean hasTables(List<Path> files) {
    for (Path f : files) {
      try {
        String text = Files.readString(f);
        if (text.contains("[[registry]]") || text.matches("(?s).*(^|\\n)\\s*registry\\s*=.*")) {
          return true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + f, e);
      }
    }
    return false;
  }

  /** The files read, for messages. */
  List<Path> files() {
    return files;
  }

  List<String> searchRegistries() {
    return conf.getUnqualifiedRegistries();
  }

  /** The alias of a short name without tag or digest ({@code almalinux}), if configured. */
  Optional<String> alias(String shortName) {
    return Optional.ofNullable(conf.getAliases().get(shortName));
  }

  boolean insecure(ImageRef ref) {
    return tables && conf.isInsecure(Secure.REGISTRY, containerRef(ref));
  }

  boolean blocked(ImageRef ref) {
    return tables && conf.isBlocked(containerRef(ref));
  }

  private static ContainerRef containerRef(ImageRef ref) {
    return ContainerRef.parse(ref.host() + "/" + ref.repository() + ":" + ref.tag().orElse("x"));
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    Throwable c = e.getCause();
    if (c != null && c.getMessage() != null) {
      m = m + ": " + c.getMessage();
    }
    return m.lines().findFirst().orElse(m);
  }

  /** The SDK asks a registry for its default when no table matches: a secure one. */
  private static final class Secure {
    static final Registry REGISTRY = Registry.builder().withInsecure(false).build();
  }
}
