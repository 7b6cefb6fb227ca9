package dev.osimages.engine.builder.docker;

import com.github.dockerjava.api.command.BuildImageCmd;
import dev.osimages.engine.EngineException;
import dev.osimages.engine.archive.ArchiveProxy;
import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildException;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.Builder;
import dev.osimages.engine.builder.StepTiming;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.DockerfileException;
import dev.osimages.engine.dockerfile.DockerfileParser;
import dev.osimages.engine.dockerfile.RemoteSources;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.LogLine;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.NetworkMode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The Docker backend: builds a rendered Dockerfile with the daemon's classic builder (the {@code
 * /build} API), with the request's build args, target stage, labels and tags, and the network its
 * image's policy gives the whole build ({@link BuildNetwork}: the daemon's default network unless
 * the image says none or host). Bases are made present in the daemon first ({@link DaemonBases}).
 * The result stays in the daemon: a {@link BuildResult} holding a {@link DockerImage}, read as a
 * tar stream by the exporter.
 */
public final class DockerBuilder implements Builder {
  private final DockerDaemon daemon;
  private final Path baseCache;
  private final Path logs;

  /**
   * @param baseCache where bootstraps and extracted bases are cached before import
   * @param logs where per-cell build logs go ({@code <logs>/<cell>/docker.log})
   */
  public DockerBuilder(DockerDaemon daemon, Path baseCache, Path logs) {
    this.daemon = daemon;
    this.baseCache = baseCache;
    this.logs = logs;
  }

  @Override
  public String recipe() {
    return Builder.recipe("docker");
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
    ClassicBuilderLimits.check(req, df);
    new ClassicLimits(req.cell(), df, req.buildArgs()).check();
    BuildNetwork network = BuildNetwork.of(req, df, read(req.dockerfile()));
    network.warnings().forEach(w -> events.on(new Warning(req.cell(), w)));
    for (RemoteSources.Unpinned u : RemoteSources.unpinned(df)) {
      events.on(
          new Warning(
              req.cell(), df.at(u.line()) + ": ADD " + u.url() + " is not pinned (no --checksum)"));
    }
    List<StepTiming> timings = new ArrayList<>();
    List<Fetch> fetched = new ArrayList<>(req.pinning().inherited());
    List<String> releaseDates = new ArrayList<>();
    List<String> baseKeys = provideBases(req, events, timings, releaseDates, fetched);
    Path log = logFile(req.cell());
    Path sent = sent(log, network.dockerfile());
    String imageId;
    try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        ContextTar context = ContextTar.start(req.context(), sent);
        ArchiveProxy proxy =
            proxy(req, network.mode(), l -> events.on(new LogLine(req.cell(), "proxy", l)))) {
      BuildProgress progress = new BuildProgress(req.cell(), df, events, w);
      try {
        command(req, context, network.mode(), proxy).exec(progress).awaitCompletion();
        if (proxy != null) {
          fetched.addAll(proxy.fetched());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BuildException(req.cell() + ": interrupted", e);
      } catch (BuildException e) {
        throw e;
      } catch (RuntimeException e) {
        throw DaemonErrors.during(req.cell(), "docker build", e);
      }
      // The stream names the image by its short id; the full id is what bases and keys use.
      imageId = daemon.client().inspectImageCmd(progress.result()).exec().getId();
      context.check(req.cell());
      timings.addAll(progress.timings());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build log " + log, e);
    }
    String key = Digests.of("docker-v1", imageId, String.join(",", baseKeys));
    return BuildResult.inDaemon(
            new DockerImage(daemon, req.cell(), imageId, req.hygiene()),
            key,
            timings,
            Duration.ofNanos(System.nanoTime() - t0),
            log)
        .withReleaseDates(releaseDates)
        .withFetched(fetched);
  }

  /** Makes every base present in the daemon, one timed "base" step each; returns their keys. */
  private List<String> provideBases(
      BuildRequest req,
      EventListener events,
      List<StepTiming> timings,
      List<String> dates,
      List<Fetch> fetched) {
    List<String> keys = new ArrayList<>();
    DaemonBases bases = new DaemonBases(daemon, baseCache);
    for (Map.Entry<String, Base> b : new TreeMap<>(req.bases()).entrySet()) {
      long s = System.nanoTime();
      String from = "FROM " + b.getKey();
      DaemonBases.Provided p =
          bases.provide(
              req.cell(),
              b.getKey(),
              b.getValue(),
              l -> events.on(new LogLine(req.cell(), from, l)),
              req.pinning());
      keys.add(p.key());
      dates.addAll(p.releaseDates());
      fetched.addAll(p.fetched());
      timings.add(
          new StepTiming("base", 0, from, !p.made(), Duration.ofNanos(System.nanoTime() - s)));
    }
    return keys;
  }

  private static String read(Path dockerfile) {
    try {
      return Files.readString(dockerfile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dockerfile, e);
    }
  }

  /** The Dockerfile as sent to the daemon (flags it lacks blanked), beside the build log. */
  private static Path sent(Path log, String text) {
    Path file = log.resolveSibling("sent").resolve("Dockerfile");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The archive proxy of a pinned build with network {@code mode}, where the build's containers
   * reach it: none without network; on 127.0.0.1 on the host's network; on the default network at
   * the gateway of the daemon's bridge, refusing the host's loopback.
   */
  private ArchiveProxy proxy(BuildRequest req, String mode, Consumer<String> log) {
    if (!req.pinning().proxied() || mode.equals(NetworkMode.NONE.spelling())) {
      return null;
    }
    if (mode.equals(NetworkMode.HOST.spelling())) {
      return req.pinning().startProxy(log);
    }
    Optional<java.net.InetAddress> gateway = daemon.bridgeGateway(req.cell());
    if (gateway.isEmpty()) {
      log.accept("the daemon has no bridge network: the build's steps have no network, no proxy");
      return null;
    }
    return req.pinning().startProxy(log, ArchiveProxy.Listen.forSteps(gateway.get()));
  }

  /**
   * The build command. SOURCE_DATE_EPOCH goes in as a build arg (RUN steps see it where the
   * Dockerfile declares {@code ARG SOURCE_DATE_EPOCH}, as the shipped templates do); the archive
   * proxy as {@code http_proxy}, one of Docker's predefined args, which reach every RUN step and
   * stay out of the cache key and the image's history.
   */
  private BuildImageCmd command(
      BuildRequest req, ContextTar context, String networkMode, ArchiveProxy proxy) {
    BuildImageCmd cmd =
        daemon
            .client()
            .buildImageCmd(context.stream())
            .withDockerfilePath(ContextTar.NAME)
            .withNetworkMode(networkMode)
            .withNoCache(req.noCache())
            .withPull(false)
            .withRemove(true)
            .withForcerm(true)
            .withLabels(req.labels());
    req.buildArgs().forEach(cmd::withBuildArg);
    req.pinning()
        .environment(req.buildArgs(), proxy)
        .forEach(
            (k, v) -> {
              if (!req.buildArgs().containsKey(k)) {
                cmd.withBuildArg(k, v);
              }
            });
    req.targetStage().ifPresent(cmd::withTarget);
    if (!req.tags().isEmpty()) {
      cmd.withTags(new LinkedHashSet<>(req.tags()));
    }
    return cmd;
  }

  private Path logFile(String cell) {
    try {
      Path dir = logs.resolve(cell.replaceAll("[^A-Za-z0-9._-]", "_"));
      Files.createDirectories(dir);
      return dir.resolve("docker.log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the build log directory under " + logs, e);
    }
  }
}
