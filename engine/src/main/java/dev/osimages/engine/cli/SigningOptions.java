package dev.osimages.engine.cli;

import dev.osimages.engine.signing.KeySource;
import dev.osimages.engine.signing.SigningKey;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --signing-key FILE}, shared by the commands that sign. */
final class SigningOptions {
  @Option(
      names = "--signing-key",
      paramLabel = "FILE",
      description =
          "Sign with this PEM ECDSA P-256 private key (openssl or cosign generate-key-pair)."
              + " Default: $"
              + KeySource.KEY_ENV
              + " (the PEM itself or its file). An encrypted key's password: $"
              + KeySource.PASSWORD_ENV
              + " (or $COSIGN_PASSWORD).")
  Path signingKey;

  /** The key given, loaded and checked now (before any work); empty when none is given. */
  Optional<SigningKey> load() {
    return KeySource.load(Optional.ofNullable(signingKey), System.getenv());
  }
}
