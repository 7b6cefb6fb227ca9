package dev.osimages.engine.registry;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Finds a registry's credentials as docker and podman do: in each credential file in turn ({@link
 * RegistryEnvironment#authFiles}), a credential helper the file names for the host ({@code
 * credHelpers}, else {@code credsStore}), else its {@code auths} entry (a key of the repository,
 * the host, or the host as a URL; Docker's public registry also under its legacy index URL).
 */
public final class CredentialStore {
  private static final String DOCKER_INDEX = "https://index.docker.io/v1/";
  private final List<Path> files;

  /** A store reading the files of {@code env}. */
  public CredentialStore(RegistryEnvironment env) {
    this.files = env.authFiles();
  }

  /** Credentials for repository {@code name} on {@code host}; empty for anonymous access. */
  public Optional<Credential> find(String host, String name) {
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      JSONObject json = read(file);
      Optional<String> helper = CredentialHelper.named(file.getParent(), serverKey(host));
      if (helper.isPresent() && file.getFileName().toString().equals("config.json")) {
        return CredentialHelper.ask(helper.get(), serverKey(host));
      }
      JSONObject auths = json.optJSONObject("auths");
      if (auths == null) {
        continue;
      }
      for (String key : keys(host, name)) {
        JSONObject entry = auths.optJSONObject(key);
        if (entry != null) {
          Optional<Credential> c = decode(file, key, entry);
          if (c.isPresent()) {
            return c;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** How docker keys its own registry: the legacy index URL. */
  private static String serverKey(String host) {
    return host.equals(ImageRef.DOCKER_HUB) ? DOCKER_INDEX : host;
  }

  private static List<String> keys(String host, String name) {
    if (host.equals(ImageRef.DOCKER_HUB)) {
      return List.of(name, DOCKER_INDEX, "docker.io", "index.docker.io", "registry-1.docker.io");
    }
    return List.of(name, host, "https://" + host, "http://" + host, "https://" + host + "/v2/");
  }

  private static Optional<Credential> decode(Path file, String key, JSONObject entry) {
    String auth = entry.optString("auth", "");
    if (!auth.isEmpty()) {
      String plain;
      try {
        plain = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new EngineException(
            file + ": auths." + key + ".auth is not base64", ExitCode.INVALID, e);
      }
      int colon = plain.indexOf(':');
      if (colon < 0) {
        throw new EngineException(
            file + ": auths." + key + ".auth is not base64 of user:password", ExitCode.INVALID);
      }
      return Optional.of(new Credential(plain.substring(0, colon), plain.substring(colon + 1)));
    }
    String user = entry.optString("username", "");
    return user.isEmpty()
        ? Optional.empty()
        : Optional.of(new Credential(user, entry.optString("password", "")));
  }

  private static JSONObject read(Path file) {
    try {
      return new JSONObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    } catch (JSONException e) {
      throw new EngineException(file + ": not valid JSON: " + e.getMessage(), ExitCode.INVALID, e);
    }
  }
}
