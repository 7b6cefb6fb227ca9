package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.export.SetSignatures;
import dev.osimages.engine.signing.SigningKey;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine sign SET_DIR...}: adds img.tar.lz4.sig to published sets. */
@Command(
    name = "sign",
    description = {
      "Sign published image sets: checks each set in full, then writes img.tar.lz4.sig, a"
          + " detached signature of img.tar.lz4 that `cosign verify-blob --key PUB"
          + " --signature img.tar.lz4.sig --insecure-ignore-tlog=true img.tar.lz4` accepts, and"
          + " records it in manifest.json. No transparency log is involved.",
      "Exit code 1 when a set fails its checks or the key cannot be used."
    })
final class SignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SigningOptions signing;

  @Parameters(paramLabel = "SET_DIR", arity = "1..*", description = "Published image sets.")
  List<Path> dirs;

  @Override
  public Integer call() {
    SigningKey key =
        signing
            .load()
            .orElseThrow(
                () ->
                    new EngineException(
                        "no signing key: give --signing-key FILE or set $ENGINE_SIGNING_KEY",
                        ExitCode.INVALID));
    for (Path dir : dirs) {
      String sha = SetSignatures.sign(dir, key);
      spec.commandLine()
          .getOut()
          .printf(
              "%s: signed img.tar.lz4 (sha256 %s) with key %s%n",
              dir.resolve(ImageSet.SIGNATURE), sha, key.verifyingKey().fingerprint());
    }
    return ExitCode.OK.code();
  }
}
