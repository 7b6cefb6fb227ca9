package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.base.ResolvedBase;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildException;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.builder.BuildStep;
import dev.osimages.engine.builder.RunNetworks;
import dev.osimages.engine.builder.StepTiming;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.host.LayerView;
import dev.osimages.engine.model.NetworkPolicy;
import dev.osimages.engine.state.StateDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything one build shares across its stages: the request's inputs, the caches, the log and the
 * timings, plus how to get another stage's root filesystem for {@code COPY --from} (a view of its
 * layers, open until the build ends), what named contexts stand for ({@link NamedSources}), the RUN
 * steps' networks (set once the stages to build are known and checked), the request's {@link
 * Pinning} and what the build fetched from the package archives so far.
 */
final class BuildSession implements AutoCloseable {
  final String cell;
  final Dockerfile dockerfile;
  final BuildContext context;
  final Map<String, String> buildArgs;
  final Map<String, BuildSecret> secrets;
  final boolean noCache;
  final StateDir state;
  final LayerStore layers;
  final BuildLog log;
  final EventListener events;
  final List<StepTiming> timings = new ArrayList<>();
  final Map<String, ResolvedBase> resolvedBases = new java.util.HashMap<>();
  private final Map<List<Path>, LayerView> views = new java.util.HashMap<>();
  final NamedSources sources;
  Networks networks;
  final Pinning pinning;
  final List<Fetch> fetched = new ArrayList<>();

  /** The cache entries this build used (layers found or made, bases), for {@code CacheUses}. */
  final java.util.Set<Path> used = new java.util.LinkedHashSet<>();

  Function<String, CopyInstruction.StageResult> stageResult;

  /** The RUN steps' network policy and the host tools their networks need. */
  record Networks(NetworkPolicy policy, NetworkTools tools) {
    /** The network of a RUN step that asked for {@code run}'s {@code --network}. */
    RunNetwork of(Instruction.Run run) {
      return new RunNetwork(RunNetworks.of(run, policy), tools);
    }
  }

  BuildSession(
      BuildRequest req, Dockerfile dockerfile, StateDir state, BuildLog log, EventListener events) {
    this.cell = req.cell();
    this.dockerfile = dockerfile;
    this.context = req.context();
    this.buildArgs = req.buildArgs();
    this.secrets = req.secrets();
    this.noCache = req.noCache();
    this.state = state;
    this.layers = new LayerStore(state);
    this.log = log;
    this.events = events;
    this.sources = new NamedSources(this, req.namedContexts());
    this.pinning = req.pinning();
    this.fetched.addAll(pinning.inherited());
  }

  /**
   * One directory showing the merged {@code layers} (the layer itself when there is only one),
   * mounted once per build and unmounted when the build ends: what {@code COPY --from} and {@code
   * RUN --mount=from} read from another stage or an image context.
   */
  synchronized Path view(List<Path> layers) {
    List<Path> key = List.copyOf(layers);
    LayerView v = views.get(key);
    if (v == null) {
      v = LayerView.open(key, state.tmp());
      views.put(key, v);
    }
    return v.root();
  }

  /** Unmounts the views this build opened. */
  @Override
  public synchronized void close() {
    views.values().forEach(LayerView::close);
    views.clear();
  }

  /** Records a finished step: timing, event, log line. */
  void step(String stage, int line, String text, boolean cached, Duration took) {
    timings.add(new StepTiming(stage, line, text, cached, took));
    events.on(new BuildStep(cell, stage, line, text, cached, took));
    log.write(
        String.format(
            "--- %s %s%s %.1fs", stage, text, cached ? " (cached)" : "", took.toMillis() / 1000.0));
  }

  /** "cell: Dockerfile:LINE: INSTRUCTION: message", the shape of every step error. */
  BuildException fail(int line, String text, String message, List<String> tail) {
    return new BuildException(
        cell + ": " + dockerfile.at(line) + ": " + text + ": " + message, tail);
  }
}
