package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.push.CellPushes;
import dev.osimages.engine.push.PushResult;
import dev.osimages.engine.state.StateDir;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engine push}: the published sets of a channel, each as an OCI image. */
@Command(
    name = "push",
    description = {
      "Push every published set of the channel to a registry as an OCI image: its root"
          + " filesystem as one layer (gzip, or zstd when output.registry.compression says so),"
          + " a config with the declaration's labels and environment, and annotations with the"
          + " input hash, builtWith and the declaration's git commit.",
      "Tags come from output.registry.tags ({os}, {version}, {channel}); the default is"
          + " {os}:{version}-{channel}: 13-stable on stable, 13-<branch> for a pull request,"
          + " 13-<date> for a release. A set that fails its checksums is never pushed; blobs the"
          + " registry has are not sent again, and a tag that already names the image is left"
          + " alone. Credentials, CAs and insecure registries as docker and podman find them.",
      "With a signing key (--signing-key or $ENGINE_SIGNING_KEY) each image is signed and"
          + " attested as cosign does it: a signature under the tag sha256-<hex>.sig, and the"
          + " set's SLSA provenance and CycloneDX SBOM as in-toto attestations under"
          + " sha256-<hex>.att, all in before any tag names the image. `cosign verify --key PUB"
          + " --insecure-ignore-tlog=true REF` and `cosign verify-attestation --key PUB --type"
          + " slsaprovenance1|cyclonedx --insecure-ignore-tlog=true REF` check them (offline: no"
          + " transparency log).",
      "Exit code 0 only when every selected set is in the registry."
    })
final class PushCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SelectionOptions selection;
  @Mixin RegistryOptions registryOptions;
  @Mixin SigningOptions signing;

  @Option(
      names = "--registry",
      paramLabel = "PREFIX",
      description = "Registry host[:port][/path] to push under, instead of output.registry.prefix.")
  String registry = "";

  @Mixin StateDirOption stateDir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // Before any work: a key that cannot be used fails at once, nothing pushed.
    var key = signing.load();
    Workspace.Loaded loaded = Workspace.load(common.file(), selection.toOptions());
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    boolean terminal = System.console() != null;
    LiveStatus live = terminal ? new LiveStatus(out) : null;
    EventListener events = terminal ? live : EventListener.NONE;
    StateDir state = stateDir.locked();
    CellPushes pushes =
        new CellPushes(loaded, registry, registryOptions.client(), state, key, events);
    pushes.checkTargets();
    int failed = 0;
    try {
      for (PlannedCell p : loaded.plan().selected()) {
        String id = p.cell().id();
        try {
          PushResult r = pushes.push(id);
          println(out, live, PushLines.of(r));
        } catch (EngineException e) {
          failed++;
          println(out, live, PushLines.failed(id, e.getMessage()));
        }
        if (live != null) {
          live.finished(id);
        }
      }
    } finally {
      if (live != null) {
        live.close();
      }
    }
    return failed == 0 ? ExitCode.OK.code() : ExitCode.FAILED.code();
  }

  private static void println(PrintWriter out, LiveStatus live, String line) {
    if (live != null) {
      live.println(line);
      return;
    }
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
