package dev.osimages.engine.state;

import java.nio.file.Path;

/**
 * The engine's state directory and its parts: step layers, bases (bootstraps, extracted tarballs),
 * build logs and temporary work. Everything lives on one filesystem so results publish by rename
 * and overlay upper/work directories can meet.
 */
public record StateDir(Path root) {
  /** Where the state lives unless told otherwise. */
  public static final Path DEFAULT = Path.of("/var/lib/osimages");

  /** {@code ENGINE_STATE_DIR} if set, else {@link #DEFAULT}. */
  public static StateDir fromEnvironment() {
    String env = System.getenv("ENGINE_STATE_DIR");
    return new StateDir(env == null || env.isBlank() ? DEFAULT : Path.of(env));
  }

  public StateDir {
    root = root.toAbsolutePath().normalize();
  }

  /** Step layers: {@code layers/<id>/diff} plus {@code meta.properties}. */
  public Path layers() {
    return root.resolve("layers");
  }

  /** Bases: bootstraps, tarball and OCI extractions. */
  public Path bases() {
    return root.resolve("bases");
  }

  /** Pulled blobs, manifests and tag pins, shared by every cell ({@code registry.BlobCache}). */
  public Path registry() {
    return root.resolve("registry");
  }

  /** Per-cell build logs. */
  public Path logs() {
    return root.resolve("logs");
  }

  /** Stamps of published image sets found sound (see export.CheckedSets). */
  public Path checked() {
    return root.resolve("checked");
  }

  /** Files {@code ADD URL} fetched, by content digest (see builder.RemoteFiles). */
  public Path downloads() {
    return root.resolve("downloads");
  }

  /** The directories of {@code RUN --mount=type=cache}, by cache id. */
  public Path cacheMounts() {
    return root.resolve("cache-mounts");
  }

  /**
   * The package cache: what apt fetched through the archive proxy ({@code debs/}, {@code files/}),
   * for offline builds.
   */
  public Path packages() {
    return root.resolve("packages");
  }

  /** Temporary work of running builds. */
  public Path tmp() {
    return root.resolve("tmp");
  }
}
