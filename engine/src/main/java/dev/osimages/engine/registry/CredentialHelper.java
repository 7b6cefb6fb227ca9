package dev.osimages.engine.registry;

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
 * Docker's credential-helper protocol: {@code config.json} names a helper for a registry ({@code
 * credHelpers}, else {@code credsStore}) and {@code docker-credential-NAME get} answers with JSON
 * for the server written to its stdin. Shared by the Docker backend and the registry client.
 */
public final class CredentialHelper {
  private static final long HELPER_SECONDS = 60;

  private CredentialHelper() {}

  /** The helper {@code configDir/config.json} names for {@code server}, if any. */
  public static Optional<String> named(Path configDir, String server) {
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

  /**
   * Asks {@code docker-credential-<helper>} for {@code server}'s credentials; empty when it has
   * none (an anonymous pull, as the docker CLI does). A user of {@code <token>} means the secret is
   * an identity token.
   */
  public static Optional<Credential> ask(String helper, String server) {
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
        return Optional.empty();
      }
      throw new EngineException(program + " get " + server + " failed: " + out, ExitCode.FAILED);
    }
    try {
      JsonObject c = JsonObject.parse(r.stdout());
      return Optional.of(new Credential(c.string("Username", ""), c.string("Secret", "")));
    } catch (MalformedJsonException e) {
      throw new EngineException(program + " answered no JSON for " + server, ExitCode.FAILED, e);
    }
  }
}
