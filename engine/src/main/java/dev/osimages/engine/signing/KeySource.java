package dev.osimages.engine.signing;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the operator's signing key comes from: {@code --signing-key FILE}, else the environment
 * variable {@value #KEY_ENV} holding the PEM itself or naming its file. An encrypted key's password
 * comes from {@value #PASSWORD_ENV} (or cosign's {@code COSIGN_PASSWORD}). Messages name the file
 * or the variable, never the key or the password.
 */
public final class KeySource {
  /** The key as PEM, or the path of its file. */
  public static final String KEY_ENV = "ENGINE_SIGNING_KEY";

  /** The password of an encrypted key. */
  public static final String PASSWORD_ENV = "ENGINE_SIGNING_KEY_PASSWORD";

  private KeySource() {}

  /**
   * The signing key given by {@code option} or {@code env}; empty when neither names one.
   *
   * @throws EngineException (exit 1) when the key named cannot be read or used
   */
  public static Optional<SigningKey> load(Optional<Path> option, Map<String, String> env) {
    Optional<char[]> password =
        Optional.ofNullable(env.getOrDefault(PASSWORD_ENV, env.get("COSIGN_PASSWORD")))
            .map(String::toCharArray);
    if (option.isPresent()) {
      return Optional.of(SigningKey.load(read(option.get()), option.get().toString(), password));
    }
    String value = env.getOrDefault(KEY_ENV, "");
    if (value.isBlank()) {
      return Optional.empty();
    }
    if (value.strip().startsWith("-----BEGIN")) {
      return Optional.of(SigningKey.load(value, "$" + KEY_ENV, password));
    }
    Path file = Path.of(value.strip());
    return Optional.of(SigningKey.load(read(file), "$" + KEY_ENV + " (" + file + ")", password));
  }

  /** A public key file for verification. */
  public static VerifyingKey publicKey(Path file) {
    return VerifyingKey.parse(read(file), file.toString());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new EngineException(
          file + ": cannot read the key file: " + e.getClass().getSimpleName(), ExitCode.FAILED, e);
    }
  }
}
