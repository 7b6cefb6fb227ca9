package dev.osimages.engine.archive;

import java.util.List;
import java.util.Map;

/**
 * How a build reaches the package archives. Except for {@link Direct}, apt (mmdebstrap's and the
 * one in RUN steps) goes through an {@link ArchiveProxy} on the loopback interface, which keeps
 * every file it serves in the {@link PackageStore} and records it: {@link Live} forwards to the
 * archive, {@link Snapshot} to a snapshot service that serves the archive as it was at a time,
 * {@link Offline} serves only what an earlier build recorded, from the store.
 */
public sealed interface ArchiveAccess {
  /** No proxy: apt reaches the archive as configured (ad-hoc builds and tests). */
  record Direct() implements ArchiveAccess {}

  /** Through the proxy to the archive itself, recording what is fetched. */
  record Live(PackageStore store) implements ArchiveAccess {}

  /**
   * Through the proxy to a snapshot of the archive: a request under one of the archive URLs the
   * image's sources name (the keys of {@code mirrors}) goes to that archive's snapshot URL (its
   * value: the declaration's template filled in) plus the same path; anything else is forwarded as
   * is.
   *
   * @param timestamp the snapshot's time, {@code YYYYMMDDTHHMMSSZ}
   */
  record Snapshot(PackageStore store, String timestamp, Map<String, String> mirrors)
      implements ArchiveAccess {
    public Snapshot {
      mirrors = Map.copyOf(mirrors);
    }
  }

  /** Only what an earlier build fetched ({@code recorded}), from the store; nothing else. */
  record Offline(PackageStore store, List<Fetch> recorded) implements ArchiveAccess {
    public Offline {
      recorded = List.copyOf(recorded);
    }
  }

  /** The package cache it keeps fetches in or replays them from; empty for {@link Direct}. */
  default java.util.Optional<PackageStore> packageStore() {
    if (this instanceof Live l) {
      return java.util.Optional.of(l.store());
    } else if (this instanceof Snapshot s) {
      return java.util.Optional.of(s.store());
    } else if (this instanceof Offline o) {
      return java.util.Optional.of(o.store());
    }
    return java.util.Optional.empty();
  }

  /** The name used in manifest.json and messages: direct, live, snapshot or offline. */
  default String mode() {
    if (this instanceof Live) {
      return "live";
    } else if (this instanceof Snapshot) {
      return "snapshot";
    } else if (this instanceof Offline) {
      return "offline";
    }
    return "direct";
  }
}
