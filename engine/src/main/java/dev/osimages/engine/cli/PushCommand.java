package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.push.CellPushes;
import dev.osimages.engine.push.PushResult;
import dev.osimages.engine.registry.RegistryAccess;
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
      "Exit code 0 only when every selected set is in the registry."
    })
final class PushCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SelectionOptions selection;
  @Mixin RegistryOptions registryOptions;

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
    Workspace.Loaded loaded = Workspace.load(common.file(), selection.toOptions());
    Warnings.print(spec.commandLine().getErr(), loaded.warnings());
    boolean terminal = System.console() != null;
    LiveStatus live = terminal ? new LiveStatus(out) : null;
    EventListener events = terminal ? live : EventListener.NONE;
    StateDir state = stateDir.locked();
    CellPushes pushes =
        new CellPushes(
            loaded, registry, RegistryAccess.client(registryOptions.environment()), state, events);
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
