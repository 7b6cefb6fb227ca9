package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.base.BaseResolver;
import dev.osimages.engine.base.ResolvedBase;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.Builder;
import dev.osimages.engine.builder.RunNetworks;
import dev.osimages.engine.cache.CacheUses;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.DockerfileException;
import dev.osimages.engine.dockerfile.DockerfileParser;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.ShellWords;
import dev.osimages.engine.dockerfile.Stage;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.NetworkMode;
import dev.osimages.engine.registry.ImagePuller;
import dev.osimages.engine.registry.PullPolicy;
import dev.osimages.engine.registry.RegistryAccess;
import dev.osimages.engine.registry.RegistryEnvironment;
import dev.osimages.engine.state.StateDir;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The daemonless backend: builds on a Linux host as root with Debian tools only. Each stage starts
 * from a base (a bootstrap, another result, a tarball, an OCI layout, scratch, or an earlier stage,
 * or an image pulled from a registry), each filesystem step becomes a cached overlay layer, RUN
 * steps run isolated in fresh namespaces, and the target stage is cleaned by one more layer. The
 * result is the target's layer stack, read through a read-only overlay view, never copied.
 */
public final class ChrootBuilder implements Builder {
  private final StateDir state;
  private final ImagePuller puller;

  /**
   * A builder keeping its caches, logs and results under {@code state}, pulling registry bases as
   * the host's container configuration says (tags refreshed, {@code linux/amd64}).
   */
  public ChrootBuilder(StateDir state) {
    this(
        state,
        RegistryAccess.puller(
            RegistryEnvironment.ofProcess(Optional.empty(), List.of()),
            state.registry(),
            PullPolicy.REFRESH,
            RegistryAccess.DEFAULT_PLATFORM));
  }

  /** The same builder, pulling registry bases with {@code puller}. */
  public ChrootBuilder withPuller(ImagePuller puller) {
    return new ChrootBuilder(state, puller);
  }

  /** A builder pulling registry bases with {@code puller}. */
  public ChrootBuilder(StateDir state, ImagePuller puller) {
    this.state = state;
    this.puller = puller;
  }

  @Override
  public String recipe() {
    return Builder.recipe("chroot");
  }

  @Override
  public BuildResult build(BuildRequest req, EventListener events) {
    long t0 = System.nanoTime();
    Dockerfile df;
    try {
      df = DockerfileParser.parse(req.dockerfile());
      req.context().ignore();
    } catch (DockerfileException | BuildContext.ContextException e) {
      throw new EngineException(req.cell() + ": " + e.getMessage(), e.exit(), e);
    }
    Map<String, String> globals = globalArgs(df, req.buildArgs());
    Stage target = target(df, req.targetStage());
    try (BuildLog log = new BuildLog(state.logs(), req.cell(), events);
        BuildSession s = new BuildSession(req, df, state, log, events)) {
      List<Stage> needed = new StageGraph(df, globals, s.sources::replaces).needed(target);
      s.networks = networks(req, df, needed.stream().filter(st -> !s.sources.replaces(st)));
      Map<Integer, StageState> built = new HashMap<>();
      s.stageResult =
          name -> {
            Stage st = df.stage(name).orElseThrow();
            StageState done = built.get(st.index());
            if (done == null) {
              throw new EngineException(
                  req.cell() + ": stage " + name + " is used before it is built", ExitCode.INVALID);
            }
            return new CopyInstruction.StageResult(s.view(done.layers), done.key);
          };
      for (Stage stage : needed) {
        if (s.sources.replaces(stage)) {
          built.put(stage.index(), contextStage(s, stage, stage.alias().orElseThrow()));
          continue;
        }
        StageState start = from(s, stage, globals, built, req.bases());
        built.put(stage.index(), new StageBuilder(s, stage, globals).build(start));
      }
      StageState fin = built.get(target.index());
      if (!req.hygiene().none()) {
        StageBuilder sb = new StageBuilder(s, target, globals);
        OptionalLong epoch = req.pinning().sourceDateEpoch();
        String key = Digests.of(fin.key, HygieneStep.key(req.hygiene(), epoch));
        sb.fsStep(
            fin,
            0,
            "hygiene",
            key,
            (work, lines) ->
                new HygieneStep(new ImageWriter(work.resolve("diff"), fin.layers))
                    .apply(req.hygiene(), epoch));
      }
      s.used.addAll(fin.layers);
      // The package files the build's record stands on count as used by it, for an offline replay.
      req.pinning()
          .archive()
          .packageStore()
          .ifPresent(store -> s.fetched.forEach(f -> store.stored(f).ifPresent(s.used::add)));
      new CacheUses(state).record(req.cell(), s.used, Instant.now());
      return BuildResult.ofLayers(
              fin.layers, fin.key, s.timings, Duration.ofNanos(System.nanoTime() - t0), log.file())
          .withPulled(
              s.resolvedBases.values().stream()
                  .flatMap(b -> b.pinned().stream())
                  .sorted()
                  .distinct()
                  .toList())
          .withReleaseDates(
              s.resolvedBases.values().stream()
                  .flatMap(b -> b.releaseDates().stream())
                  .distinct()
                  .toList())
          .withFetched(s.fetched);
    }
  }

  private StageState from(
      BuildSession s,
      Stage stage,
      Map<String, String> globals,
      Map<Integer, StageState> built,
      Map<String, Base> bases) {
    Instruction.From f = stage.from();
    String image =
        new ShellWords(s.dockerfile.escape(), s.dockerfile.name(), f.line())
            .expand(f.image(), globals);
    Optional<Stage> earlier = s.dockerfile.stage(image).filter(st -> st.index() < stage.index());
    if (earlier.isPresent() && earlier.get().alias().isPresent()) {
      return built.get(earlier.get().index()).inherit();
    }
    if (s.sources.context(image).isPresent()) {
      return contextStage(s, stage, image);
    }
    long t0 = System.nanoTime();
    ResolvedBase base;
    if (image.equalsIgnoreCase("scratch")) {
      base = ResolvedBase.SCRATCH;
    } else {
      // A FROM the request does not map is a registry reference, as in any Dockerfile.
      Base b = bases.getOrDefault(image, new Base.Registry(image));
      // One resolution per reference and build: stages sharing a base probe the archive once.
      try {
        base =
            s.resolvedBases.computeIfAbsent(
                image,
                i -> {
                  ResolvedBase r =
                      new BaseResolver(state.bases(), Optional.of(puller), s.cell, s.events)
                          .resolve(b, s.log.sink("FROM " + i), s.pinning);
                  s.fetched.addAll(r.fetched());
                  return r;
                });
      } catch (EngineException e) {
        // Name the instruction that asked for the base, keeping the cause's exit code.
        throw new EngineException(
            s.cell + ": FROM " + image + " (" + s.dockerfile.at(f.line()) + "): " + e.getMessage(),
            e.exit(),
            e);
      }
    }
    String name = stage.alias().orElse("stage " + stage.index());
    boolean cached =
        !base.made() || s.timings.stream().anyMatch(t -> t.instruction().equals("FROM " + image));
    s.step(name, f.line(), "FROM " + image, cached, Duration.ofNanos(System.nanoTime() - t0));
    s.used.addAll(base.layers());
    // The epoch reaches every RUN step and the hygiene: it is part of every key from the base on.
    String pinned = s.pinning.keyPart();
    return new StageState(
        pinned.isEmpty() ? Digests.of("base", base.key()) : Digests.of("base", base.key(), pinned),
        base.layers());
  }

  /** A stage that starts from (or, by BuildKit's rule, is replaced by) the named context. */
  private StageState contextStage(BuildSession s, Stage stage, String name) {
    long t0 = System.nanoTime();
    ResolvedBase base = s.sources.base(name, s.sources.context(name).orElseThrow());
    s.step(
        stage.alias().orElse("stage " + stage.index()),
        stage.from().line(),
        "FROM " + name + " (named context)",
        !base.made(),
        Duration.ofNanos(System.nanoTime() - t0));
    s.used.addAll(base.layers());
    return new StageState(Digests.of("context", base.key()), base.layers());
  }

  /**
   * The networks of the RUN steps of {@code built}, checked before the first step: refusals (exit
   * 2) and missing tools (exit 4) surface before anything is built.
   */
  private static BuildSession.Networks networks(
      BuildRequest req, Dockerfile df, java.util.stream.Stream<Stage> built) {
    Set<NetworkMode> modes = RunNetworks.check(req.cell(), df, built.toList(), req.network());
    return new BuildSession.Networks(
        req.network(),
        NetworkTools.find(
            modes, System.getenv().getOrDefault("PATH", ""), req.pinning().proxied()));
  }

  /** Global ARG values: build args override defaults; defaults may use earlier globals. */
  private static Map<String, String> globalArgs(Dockerfile df, Map<String, String> buildArgs) {
    Map<String, String> g = new LinkedHashMap<>();
    for (Instruction.Arg a : df.globalArgs()) {
      ShellWords w = new ShellWords(df.escape(), df.name(), a.line());
      String v =
          buildArgs.containsKey(a.name())
              ? buildArgs.get(a.name())
              : a.defaultValue().map(d -> w.expand(d, g)).orElse(null);
      if (v != null) {
        g.put(a.name(), v);
      }
    }
    return g;
  }

  private static Stage target(Dockerfile df, Optional<String> name) {
    if (name.isEmpty()) {
      return df.stages().get(df.stages().size() - 1);
    }
    return df.stage(name.get())
        .orElseThrow(
            () ->
                new EngineException(
                    df.name() + ": no stage named " + name.get(), ExitCode.INVALID));
  }
}
