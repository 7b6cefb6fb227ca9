package dev.osimages.engine.builder.docker;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DockerClientConfig;
import dev.osimages.engine.registry.CredentialHelper;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The credentials a pull of a reference goes with, found as the docker CLI finds them in {@code
 * config.json}: a credential helper named for the registry in {@code credHelpers}, else the one in
 * {@code credsStore}, asked over its protocol ({@code docker-credential-NAME get}, the server on
 * stdin, JSON out); else the {@code auths} entry, which docker-java reads. docker-java runs no
 * helpers itself, so without this a {@code docker login} into a keychain or a cloud registry's
 * helper would leave pulls anonymous.
 */
final class RegistryCredentials {
  private RegistryCredentials() {}

  /** The credentials for pulling {@code ref}; {@code configDir} holds config.json (may be null). */
  static AuthConfig forPull(DockerClientConfig config, String configDir, String ref) {
    String server = registryOf(ref);
    Optional<String> helper =
        configDir == null ? Optional.empty() : helper(Path.of(configDir), server);
    if (helper.isEmpty()) {
      return config.effectiveAuthConfig(ref);
    }
    return fromHelper(helper.get(), server);
  }

  /**
   * The registry part of a reference as config.json keys it: the first path component when it names
   * a host (has a dot or a port, or is localhost), else Docker Hub's index address.
   */
  static String registryOf(String ref) {
    int slash = ref.indexOf('/');
    if (slash > 0) {
      String first = ref.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return first;
      }
    }
    return AuthConfig.DEFAULT_SERVER_ADDRESS;
  }

  /** The helper config.json names for {@code server}: credHelpers first, then credsStore. */
  static Optional<String> helper(Path configDir, String server) {
    return CredentialHelper.named(configDir, server);
  }

  /** Asks {@code docker-credential-<helper>} for {@code server}'s credentials. */
  static AuthConfig fromHelper(String helper, String server) {
    AuthConfig auth = new AuthConfig().withRegistryAddress(server);
    // No stored credentials means an anonymous pull, as the docker CLI does.
    return CredentialHelper.ask(helper, server)
        .map(
            c ->
                // A helper's "<token>" user means the secret is an identity token, not a password.
                c.user().equals("<token>")
                    ? auth.withIdentityToken(c.secret())
                    : auth.withUsername(c.user()).withPassword(c.secret()))
        .orElse(auth);
  }
}
