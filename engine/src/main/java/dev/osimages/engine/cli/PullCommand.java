package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.registry.PulledImage;
import dev.osimages.engine.state.StateDir;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine pull}: images into the state directory's blob cache, as builds pull bases. */
@Command(
    name = "pull",
    description = {
      "Pull images into the state directory's blob cache without a daemon, as a build pulls its"
          + " registry bases: short names resolved as containers-registries.conf(5) says,"
          + " credentials, CAs and insecure registries as docker and podman find them, the"
          + " linux/amd64 manifest of an index, every blob verified (a partial download resumes)."
          + " Prints each reference pinned to its digest."
    })
final class PullCommand implements Callable<Integer> {
  @Parameters(paramLabel = "REF", arity = "1..*", description = "Image references.")
  List<String> refs;

  @Mixin RegistryOptions registryOptions;

  @Mixin StateDirOption stateDir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StateDir state = stateDir.locked();
    var puller = registryOptions.puller(state);
    boolean terminal = System.console() != null;
    LiveStatus live = terminal ? new LiveStatus(out) : null;
    try {
      for (String ref : refs) {
        PulledImage img = puller.pull(ref, ref, live == null ? EventListener.NONE : live);
        if (live != null) {
          live.finished(ref);
          live.println(img.pinned().toString());
        } else {
          out.println(img.pinned());
        }
      }
    } finally {
      if (live != null) {
        live.close();
      }
    }
    out.flush();
    return ExitCode.OK.code();
  }
}
