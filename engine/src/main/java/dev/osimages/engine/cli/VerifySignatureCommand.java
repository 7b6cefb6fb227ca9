package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.export.SetSignatures;
import dev.osimages.engine.signing.KeySource;
import dev.osimages.engine.signing.VerifyingKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine verify-signature SET_DIR --key PUB}: checks a set and its signature. */
@Command(
    name = "verify-signature",
    description = {
      "Check a published image set and its signature: the set's checksums (as engine checksum)"
          + " and that img.tar.lz4.sig is a signature of img.tar.lz4 by the key in PUB (a PEM"
          + " public key, as cosign writes cosign.pub). Offline: no transparency log.",
      "Exit code 0 when both hold, 1 with one line per problem."
    })
final class VerifySignatureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SET_DIR", description = "A published image set.")
  Path dir;

  @Option(names = "--key", required = true, paramLabel = "PUB", description = "PEM public key.")
  Path key;

  @Override
  public Integer call() {
    VerifyingKey pub = KeySource.publicKey(key);
    List<String> problems = SetSignatures.verify(dir, pub);
    PrintWriter out = spec.commandLine().getOut();
    if (problems.isEmpty()) {
      out.printf("%s: signature OK (key %s)%n", dir, pub.fingerprint());
      return ExitCode.OK.code();
    }
    problems.forEach(p -> spec.commandLine().getErr().println("engine: " + p));
    return ExitCode.FAILED.code();
  }
}
