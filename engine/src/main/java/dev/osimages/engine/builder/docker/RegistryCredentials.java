package dev.osimages.engine.builder.docker;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DockerClientConfig;
import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.json.MalformedJsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  private static final long HELPER_SECONDS = 60;

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
    Path file = configDir.resolve("config.json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonObject json = JsonObject.parse(Files.readString(file, StandardCharsets.UTF_8));
      String name = json.object("credHelpers").map(h -> h.string(server, "")).orElse("");
      if (name.isEmpty()) {
        name = json.string("credsStore", "");
      }
      if (!name.isEmpty() && !name.matches("[A-Za-z0-9._-]+")) {
        throw new EngineException(
            file + ": credential helper name '" + name + "' is not valid", ExitCode.INVALID);
      }
      return name.isEmpty() ? Optional.empty() : Optional.of(name);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    } catch (MalformedJsonException e) {
      throw new EngineException(file + ": not valid JSON: " + e.getMessage(), ExitCode.INVALID, e);
    }
  }

  /** Asks {@code docker-credential-<helper>} for {@code server}'s credentials. */
  static AuthConfig fromHelper(String helper, String server) {
    String program = "docker-credential-" + helper;
    // The helper reads the server from stdin and answers on stdout; no pipe is involved, so a
    // helper that hangs cannot block past the timeout.
    HostCommand.Captured r;
    try {
      r =
          HostCommand.capture(
                  List.of(program, "get"),
                  server.getBytes(StandardCharsets.UTF_8),
                  Duration.ofSeconds(HELPER_SECONDS))
              .orElseThrow(
                  () ->
                      new EngineException(
                          program + " did not answer for " + server, ExitCode.FAILED));
    } catch (UncheckedIOException e) {
      throw new EngineException(
          "config.json names the credential helper "
              + helper
              + " for "
              + server
              + ", but "
              + program
              + " cannot be run: "
              + e.getCause().getMessage(),
          ExitCode.ENVIRONMENT,
          e.getCause());
    }
    String out = (r.stdout() + r.stderr()).strip();
    if (!r.ok()) {
      if (out.contains("credentials not found")) {
        // What the docker CLI does too: no stored credentials means an anonymous pull.
        return new AuthConfig().withRegistryAddress(server);
      }
      throw new EngineException(program + " get " + server + " failed: " + out, ExitCode.FAILED);
    }
    try {
      JsonObject c = JsonObject.parse(r.stdout());
      String user = c.string("Username", "");
      String secret = c.string("Secret", "");
      AuthConfig auth = new AuthConfig().withRegistryAddress(server);
      // A helper's "<token>" user means the secret is an identity token, not a password.
      return user.equals("<token>")
          ? auth.withIdentityToken(secret)
          : auth.withUsername(user).withPassword(secret);
    } catch (MalformedJsonException e) {
      throw new EngineException(program + " answered no JSON for " + server, ExitCode.FAILED, e);
    }
  }
}
