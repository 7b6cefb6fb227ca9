package dev.osimages.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The network a RUN step gets, with BuildKit's names ({@code RUN --network=...}): {@link #DEFAULT}
 * a private network namespace with outbound access through a user-mode network stack (on a step,
 * {@code --network=default} means the build's default, see {@link NetworkPolicy#effective}), {@link
 * #NONE} a private namespace with only its loopback interface, {@link #HOST} the build host's own
 * network (an entitlement: refused unless allowed).
 */
public enum NetworkMode {
  /** A private namespace with outbound access (BuildKit's sandbox network). */
  DEFAULT,
  /** A private namespace with nothing but loopback. */
  NONE,
  /** The build host's network namespace, its loopback services included. */
  HOST;

  /** The spelling of images.yaml, the Dockerfile flag and the command line. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode spelled {@code text}, if it is one. */
  public static Optional<NetworkMode> of(String text) {
    for (NetworkMode m : values()) {
      if (m.spelling().equals(text)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
