package dev.osimages.engine.archive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What pins a build to one result besides its declared inputs: the SOURCE_DATE_EPOCH its steps see
 * (and that clamps the times in its result), how it reaches the package archives, and what the
 * bases it starts from already fetched (a derived cell's base cell), so its record is complete.
 *
 * @param inherited fetches of the base cell, recorded before this build's own
 */
public record Pinning(OptionalLong sourceDateEpoch, ArchiveAccess archive, List<Fetch> inherited) {
  /** No epoch, direct archive access: builds as they always were (ad-hoc builds, tests). */
  public static final Pinning NONE =
      new Pinning(OptionalLong.empty(), new ArchiveAccess.Direct(), List.of());

  public Pinning {
    inherited = List.copyOf(inherited);
  }

  /** The same pinning for a build that starts from a result which fetched {@code base}. */
  public Pinning inheriting(List<Fetch> base) {
    return new Pinning(sourceDateEpoch, archive, base);
  }

  /**
   * {@code env} plus SOURCE_DATE_EPOCH (unless {@code env} sets its own), and {@code http_proxy}
   * pointing at {@code proxy} when there is one (again unless {@code env} sets its own).
   */
  public Map<String, String> environment(Map<String, String> env, ArchiveProxy proxy) {
    Map<String, String> out = new LinkedHashMap<>(env);
    sourceDateEpoch.ifPresent(e -> out.putIfAbsent("SOURCE_DATE_EPOCH", Long.toString(e)));
    if (proxy != null) {
      out.putIfAbsent("http_proxy", proxy.url());
    }
    return out;
  }

  /** True when apt goes through an {@link ArchiveProxy} (every access but direct). */
  public boolean proxied() {
    return !(archive instanceof ArchiveAccess.Direct);
  }

  /**
   * A proxy on the host's loopback for a client in the host's network namespace (mmdebstrap, a step
   * on the host's network), or null with direct access.
   */
  public ArchiveProxy startProxy(java.util.function.Consumer<String> log) {
    return startProxy(log, ArchiveProxy.Listen.HOST);
  }

  /** A proxy listening as {@code listen} says, or null with direct access. */
  public ArchiveProxy startProxy(
      java.util.function.Consumer<String> log, ArchiveProxy.Listen listen) {
    return proxied() ? ArchiveProxy.start(archive, log, listen) : null;
  }

  /** The part of a cache key that the epoch decides ("" without one). */
  public String keyPart() {
    return sourceDateEpoch.isPresent() ? "source-date-epoch=" + sourceDateEpoch.getAsLong() : "";
  }
}
