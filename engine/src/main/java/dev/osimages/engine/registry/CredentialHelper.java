package dev.osimages.engine.registry;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.json.JSONException;
import org.json.JSONObject;

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
      JSONObject json = new JSONObject(Files.readString(file, StandardCharsets.UTF_8));
      JSONObject helpers = json.optJSONObject("credHelpers");
      String name = helpers == null ? "" : helpers.optString(server, "");
      if (name.isEmpty()) {
        name = json.optString("credsStore", "");
      }
      if (!name.isEmpty() && !name.matches("[A-Za-z0-9._-]+")) {
        throw new EngineException(
            file + ": credential helper name '" + name + "' is not valid", ExitCode.INVALID);
      }
      return name.isEmpty() ? Optional.empty() : Optional.of(name);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    } catch (JSONException e) {
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
    Path answer = null;
    try {
      // Its answer goes to a file, so that a helper that hangs cannot block past the timeout.
      answer = Files.createTempFile("osimages-credential-", ".out");
      Process p =
          new ProcessBuilder(program, "get")
              .redirectErrorStream(true)
              .redirectOutput(answer.toFile())
              .start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(server.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(HELPER_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new EngineException(program + " did not answer for " + server, ExitCode.FAILED);
      }
      String out = Files.readString(answer, StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        if (out.contains("credentials not found")) {
          return Optional.empty();
        }
        throw new EngineException(program + " get " + server + " failed: " + out, ExitCode.FAILED);
      }
      JSONObject c = new JSONObject(out);
      return Optional.of(new Credential(c.optString("Username", ""), c.optString("Secret", "")));
    } catch (IOException e) {
      throw new EngineException(
          "config.json names the credential helper "
              + helper
              + " for "
              + server
              + ", but "
              + program
              + " cannot be run: "
              + e.getMessage(),
          ExitCode.ENVIRONMENT,
          e);
    } catch (JSONException e) {
      throw new EngineException(program + " answered no JSON for " + server, ExitCode.FAILED, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while asking " + program, ExitCode.INTERRUPTED, e);
    } finally {
      if (answer != null) {
        answer.toFile().delete();
      }
    }
  }
}
