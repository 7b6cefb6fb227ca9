package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.push.CellFetches;
import dev.osimages.engine.push.FetchResult;
import dev.osimages.engine.registry.RegistryAccess;
import dev.osimages.engine.signing.KeySource;
import dev.osimages.engine.signing.VerifyingKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engine fetch}: the pushed sets of a channel back into the local store. */
@Command(
    name = "fetch",
    description = {
      "Fetch the published sets of the channel from the registry engine push put them in:"
          + " img.tar.lz4, its md5, packages.txt, manifest.json, the SBOM, the provenance and the"
          + " signature, byte for byte, from the set artifact that refers to each image (found"
          + " under the first of output.registry.tags, or under --registry).",
      "Each set is written beside its store directory, checked in full (lz4 frames, md5, sha256"
          + " and every file manifest.json records; the tarball must be the one the image names)"
          + " and only then moved into place; a set that fails keeps the previous one. With --key,"
          + " the image and the set must both carry a cosign signature by that key (checked"
          + " offline, no transparency log), else nothing is fetched.",
      "Exit code 0 only when every selected set was fetched."
    })
final class FetchCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SelectionOptions selection;
  @Mixin RegistryOptions registryOptions;

  @Option(
      names = "--registry",
      paramLabel = "PREFIX",
      description = "Registry host[:port][/path] to fetch from, instead of output.registry.prefix.")
  String registry = "";

  @Option(
      names = "--key",
      paramLabel = "PUB",
      description =
          "PEM public key (as cosign writes cosign.pub): fetch only images and sets it signed.")
  Path key;

  @Mixin StateDirOption stateDir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<VerifyingKey> pub = Optional.ofNullable(key).map(KeySource::publicKey);
    Workspace.Loaded loaded = Workspace.load(common.file(), selection.toOptions());
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    CellFetches fetches =
        new CellFetches(
            loaded,
            registry,
            RegistryAccess.client(registryOptions.environment()),
            stateDir.locked(),
            dev.osimages.engine.event.EventListener.NONE);
    fetches.checkSources();
    int failed = 0;
    for (PlannedCell p : loaded.plan().selected()) {
      String id = p.cell().id();
      try {
        out.println(line(fetches.fetch(id, pub)));
      } catch (EngineException e) {
        failed++;
        out.println(String.format(Locale.ROOT, "%-24s %-10s %s", id, "FAILED", e.getMessage()));
      }
      out.flush();
    }
    return failed == 0 ? ExitCode.OK.code() : ExitCode.FAILED.code();
  }

  private static String line(FetchResult r) {
    return String.format(
        Locale.ROOT,
        "%-24s %-10s %s %s (%.1f MB)%s",
        r.cell(),
        "fetched",
        r.reference(),
        r.imageDigest(),
        r.bytes() / 1e6,
        r.verified() ? " signatures OK" : "");
  }
}
