package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.base.ResolvedBase;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildException;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.builder.BuildStep;
import dev.osimages.engine.builder.StepTiming;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.state.StateDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything one build shares across its stages: the request's inputs, the caches, the log and the
 * timings, plus how to get another stage's root filesystem for {@code COPY --from}, what named
 * contexts stand for ({@link NamedSources}), the request's {@link Pinning} and what the build
 * fetched from the package archives so far.
 */
final class BuildSession {
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
  final Flattener flattener;
  final NamedSources sources;
  final Pinning pinning;
  final List<Fetch> fetched = new ArrayList<>();
  Function<String, CopyInstruction.StageResult> stageResult;

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
    this.flattener = new Flattener(state);
    this.sources = new NamedSources(this, req.namedContexts());
    this.pinning = req.pinning();
    this.fetched.addAll(pinning.inherited());
  }

  /** One directory holding the merged {@code layers}: the layer itself when there is only one. */
  Path flatten(String key, List<Path> layers) {
    if (layers.size() == 1) {
      return layers.get(0);
    }
    return flattener.flatten(key, layers, false, log.sink("flatten"));
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
