package dev.osimages.engine.cli;

import dev.osimages.engine.registry.ImagePuller;
import dev.osimages.engine.registry.PullPolicy;
import dev.osimages.engine.registry.RegistryAccess;
import dev.osimages.engine.registry.RegistryClient;
import dev.osimages.engine.registry.RegistryEnvironment;
import dev.osimages.engine.state.StateDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the engine reaches registries: shared by the commands that pull or push. */
final class RegistryOptions {
  private RegistryClient client;

  @Option(
      names = "--pull",
      paramLabel = "POLICY",
      description =
          "When registry bases are asked for again: always (every tag resolved anew), missing"
              + " (only tags never pulled), never (only what was pulled before). Default: every"
              + " tag resolved anew, and with the registry unreachable the copy pulled before is"
              + " used with a warning. A digest reference is never fetched twice.")
  Pull pull;

  /** The policies {@code --pull} names; without it, {@link PullPolicy#REFRESH}. */
  enum Pull {
    ALWAYS(PullPolicy.ALWAYS),
    MISSING(PullPolicy.MISSING),
    NEVER(PullPolicy.NEVER);

    private final PullPolicy policy;

    Pull(PullPolicy policy) {
      this.policy = policy;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Option(
      names = "--registries-conf",
      paramLabel = "FILE",
      description =
          "containers-registries.conf(5) file for short names, aliases and insecure registries,"
              + " instead of $XDG_CONFIG_HOME/containers/registries.conf or"
              + " /etc/containers/registries.conf. Without search registries or an alias, short"
              + " names mean Docker's public registry (library/ for one-part names).")
  Path registriesConf;

  @Option(
      names = "--certs-dir",
      paramLabel = "DIR",
      description =
          "A certs.d directory (HOST:PORT/*.crt) searched before /etc/docker/certs.d,"
              + " /etc/containers/certs.d and $XDG_CONFIG_HOME/containers/certs.d (repeatable).")
  List<Path> certsDirs = new ArrayList<>();

  /** The container configuration of this host, with the options' overrides. */
  RegistryEnvironment environment() {
    return RegistryEnvironment.ofProcess(Optional.ofNullable(registriesConf), certsDirs);
  }

  PullPolicy policy() {
    return pull == null ? PullPolicy.REFRESH : pull.policy;
  }

  /**
   * The command's registry client, made on first use from {@link #environment()}: the puller and
   * the pusher of one command share it (one TLS context and connection per registry, its tokens).
   */
  synchronized RegistryClient client() {
    if (client == null) {
      client = RegistryAccess.client(environment());
    }
    return client;
  }

  /** The puller for builds with state in {@code state}, on this command's {@link #client()}. */
  ImagePuller puller(StateDir state) {
    return RegistryAccess.puller(
        this::client, state.registry(), policy(), RegistryAccess.DEFAULT_PLATFORM);
  }
}
