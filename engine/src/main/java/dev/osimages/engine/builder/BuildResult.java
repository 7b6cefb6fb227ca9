package dev.osimages.engine.builder;

import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.host.LayerView;
import dev.osimages.engine.model.Base;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A finished build: where its root filesystem is, the cache key that identifies its content,
 * per-step timings, the total time and the build log. The filesystem is either a stack of overlay
 * layers in a step cache (the chroot backend: bottom first, read them, never modify them; a plain
 * directory is a stack of one), read through a {@link #view} and built on as they are ({@link
 * #asBase}), or an image kept by a daemon ({@link DaemonImage}, the Docker backend), which callers
 * open as a tar stream. {@code pulled} lists the registry bases it started from, pinned to the
 * digest they resolved to; {@code releaseDates} the archive Release dates of the bootstraps it
 * started from ("suite=date"), for provenance; {@code fetched} is what the build and its bases took
 * from the package archives through the archive proxy, in order.
 */
public record BuildResult(
    List<Path> layers,
    String cacheKey,
    List<StepTiming> steps,
    Duration took,
    Path log,
    Optional<DaemonImage> daemonImage,
    List<String> pulled,
    List<String> releaseDates,
    List<Fetch> fetched) {
  public BuildResult {
    steps = List.copyOf(steps);
    pulled = List.copyOf(pulled);
    layers = List.copyOf(layers);
    releaseDates = List.copyOf(releaseDates);
    fetched = List.copyOf(fetched);
    if (daemonImage.isPresent() && !layers.isEmpty()) {
      throw new IllegalArgumentException("a build result is either layers or a daemon image");
    }
  }

  /** A result whose root filesystem is the directory {@code rootfs}. */
  public BuildResult(
      Path rootfs, String cacheKey, List<StepTiming> steps, Duration took, Path log) {
    this(
        List.of(rootfs),
        cacheKey,
        steps,
        took,
        log,
        Optional.empty(),
        List.of(),
        List.of(),
        List.of());
  }

  /** A result whose root filesystem is the overlay layers {@code bottomFirst}. */
  public static BuildResult ofLayers(
      List<Path> bottomFirst, String cacheKey, List<StepTiming> steps, Duration took, Path log) {
    return new BuildResult(
        bottomFirst, cacheKey, steps, took, log, Optional.empty(), List.of(), List.of(), List.of());
  }

  /** The same result, recording the pinned registry bases it started from. */
  public BuildResult withPulled(List<String> pinned) {
    return new BuildResult(
        layers, cacheKey, steps, took, log, daemonImage, pinned, releaseDates, fetched);
  }

  /** The same result, recording the Release dates of the bootstraps it started from. */
  public BuildResult withReleaseDates(List<String> dates) {
    return new BuildResult(layers, cacheKey, steps, took, log, daemonImage, pulled, dates, fetched);
  }

  /** The same result with the record of what it fetched from the package archives. */
  public BuildResult withFetched(List<Fetch> all) {
    return new BuildResult(
        layers, cacheKey, steps, took, log, daemonImage, pulled, releaseDates, all);
  }

  /** A result kept by a daemon. */
  public static BuildResult inDaemon(
      DaemonImage image, String cacheKey, List<StepTiming> steps, Duration took, Path log) {
    return new BuildResult(
        List.of(), cacheKey, steps, took, log, Optional.of(image), List.of(), List.of(), List.of());
  }

  /**
   * The root filesystem's overlay layers, bottom first.
   *
   * @throws IllegalStateException for a result kept by a daemon: open {@link #daemonImage} instead
   */
  @Override
  public List<Path> layers() {
    if (daemonImage.isPresent()) {
      throw new IllegalStateException(
          "this build result is an image in the Docker daemon, not a directory");
    }
    return layers;
  }

  /**
   * The root filesystem as one read-only directory until the view is closed (a mount point, when
   * one is needed, goes under {@code tmp}).
   */
  public LayerView view(Path tmp) {
    return LayerView.open(layers(), tmp);
  }

  /** This result as the base of another build: its layers in place, or the daemon's image. */
  public Base asBase() {
    return daemonImage
        .<Base>map(i -> new Base.DaemonImage(i.id()))
        .orElseGet(() -> new Base.Layers(cacheKey, layers));
  }

  /** True when every step was served from the cache. */
  public boolean fullyCached() {
    return steps.stream().allMatch(StepTiming::cached);
  }

  /** Total time as a {@link Duration}. */
  public Duration total() {
    return took;
  }
}
