package dev.osimages.engine.builder;

import java.io.InputStream;

/**
 * A build result that lives in an image daemon (Docker) rather than in a directory. Its filesystem
 * is read as a tar stream; some members of that stream are the daemon's own traces or what the
 * request's hygiene removes, and {@link #edit} says what to do with each, so whoever consumes the
 * stream (the exporter) gets the same tree the chroot backend makes.
 */
public interface DaemonImage {
  /** What to do with one member of the stream. */
  enum Edit {
    KEEP,
    DROP,
    /** Keep the member with empty content (a regular file). */
    EMPTY
  }

  /** The kinds of members {@link #edit} distinguishes. */
  enum Kind {
    FILE,
    DIRECTORY,
    SYMLINK,
    OTHER
  }

  /** The daemon's id for the image (usable as a base by the same backend). */
  String id();

  /**
   * Opens the image's filesystem as a tar stream. Closing the stream releases what opening it took
   * (the Docker backend's export container), also when it was not read to the end.
   */
  InputStream openTar();

  /**
   * What to do with the member at {@code path} (image-absolute, "/etc/hosts") of the given kind,
   * content size and link target ("" unless a symlink).
   */
  Edit edit(String path, Kind kind, long size, String linkTarget);
}
