package dev.osimages.engine.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A finished build: the root filesystem directory (owned by the backend's cache: read it, do not
 * modify it), the cache key that identifies its content, per-step timings, the total time and the
 * build log.
 */
public record BuildResult(
    Path rootfs, String cacheKey, List<StepTiming> steps, java.time.Duration took, Path log) {
  public BuildResult {
    steps = List.copyOf(steps);
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
