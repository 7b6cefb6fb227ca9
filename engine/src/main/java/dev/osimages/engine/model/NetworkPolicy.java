package dev.osimages.engine.model;

import java.util.Optional;

/**
 * The {@code network} settings of images.yaml at one level (top level, distro, version, variant),
 * or merged for a cell: the mode a RUN step without {@code --network} gets, and whether {@code
 * host} is allowed (BuildKit's {@code network.host} entitlement). An empty field is unset at that
 * level; {@link #over} lets the more specific level win field by field. {@code position} is where
 * the mode was set (messages about a refused {@code host} default name it).
 */
public record NetworkPolicy(
    Optional<NetworkMode> defaultMode, Optional<Boolean> allowHost, SourcePosition position) {
  /** Nothing set: steps get {@link NetworkMode#DEFAULT}, and {@code host} is refused. */
  public static final NetworkPolicy UNSET =
      new NetworkPolicy(Optional.empty(), Optional.empty(), SourcePosition.unknown(""));

  /** These settings where set, {@code lower}'s elsewhere. */
  public NetworkPolicy over(NetworkPolicy lower) {
    return new NetworkPolicy(
        defaultMode.or(lower::defaultMode),
        allowHost.or(lower::allowHost),
        defaultMode.isPresent() ? position : lower.position());
  }

  /** The same settings, with {@code host} allowed when {@code allowed} (the command line's say). */
  public NetworkPolicy allowingHost(boolean allowed) {
    return allowed ? new NetworkPolicy(defaultMode, Optional.of(true), position) : this;
  }

  /** The mode of a RUN step without {@code --network}. */
  public NetworkMode mode() {
    return defaultMode.orElse(NetworkMode.DEFAULT);
  }

  /** Whether a step may use the host's network. */
  public boolean hostAllowed() {
    return allowHost.orElse(false);
  }

  /**
   * The mode of a step that asked for {@code flag} (empty: no {@code --network}). As in BuildKit,
   * {@code --network=default} means the build's default, so it is the same as no flag.
   */
  public NetworkMode effective(Optional<NetworkMode> flag) {
    return flag.filter(m -> m != NetworkMode.DEFAULT).orElse(mode());
  }
}
