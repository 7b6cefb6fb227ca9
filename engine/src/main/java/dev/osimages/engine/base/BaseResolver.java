package dev.osimages.engine.base;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.host.Tarballs;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.registry.ImagePuller;
import dev.osimages.engine.registry.PulledImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes a {@link Base} ready to build on, caching what it makes under one directory: bootstraps,
 * extracted tarballs and OCI layers. A root filesystem directory is used in place (read-only).
 */
public final class BaseResolver {
  private final Path cache;
  private final Optional<ImagePuller> puller;
  private final String cell;
  private final EventListener events;

  /** Caches under {@code cache} (the engine uses {@code <state>/bases}); no registry access. */
  public BaseResolver(Path cache) {
    this(cache, Optional.empty(), "", EventListener.NONE);
  }

  /**
   * Caches under {@code cache} and pulls registry bases with {@code puller} for {@code cell},
   * reporting pull progress to {@code events}.
   */
  public BaseResolver(Path cache, Optional<ImagePuller> puller, String cell, EventListener events) {
    this.cache = cache;
    this.puller = puller;
    this.cell = cell;
    this.events = events;
  }

  /**
   * Resolves {@code base}; {@code lines} receives tool output. Registry bases need a puller and a
   * root process (layers keep their owners).
   */
  public ResolvedBase resolve(Base base, Consumer<String> lines) {
    return resolve(base, lines, Pinning.NONE);
  }

  /**
   * Resolves {@code base}, bootstrapping with {@code pinning}'s SOURCE_DATE_EPOCH and archive
   * access.
   */
  public ResolvedBase resolve(Base base, Consumer<String> lines, Pinning pinning) {
    if (base instanceof Base.Bootstrap b) {
      return new Bootstrapper(cache).resolve(b, lines, pinning);
    } else if (base instanceof Base.RootfsDir d) {
      return new ResolvedBase(RootfsKeys.of(d.dir()), List.of(checkedDir(d.dir())), false);
    } else if (base instanceof Base.Layers l) {
      // Keyed as a result's directory was when results were flattened, so caches built on one
      // stay valid.
      return new ResolvedBase(
          RootfsKeys.ofResult(l.key()),
          l.bottomFirst().stream().map(BaseResolver::checkedDir).toList(),
          false);
    } else if (base instanceof Base.RootfsTarball t) {
      return tarball(t.file(), lines);
    } else if (base instanceof Base.OciLayout o) {
      return new OciLayouts(cache).resolve(checkedDir(o.dir()), lines);
    }
    if (base instanceof Base.Registry r && puller.isPresent()) {
      PulledImage image = puller.get().pull(cell, r.reference(), events);
      return new OciLayouts(cache).resolve(image, lines);
    }
    if (base instanceof Base.DaemonImage) {
      throw new EngineException(
          "the chroot backend cannot start from an image in the Docker daemon: "
              + base.describe()
              + "; build the base cell with the same backend",
          ExitCode.INVALID);
    }
    throw new EngineException(
        "no registry access was configured for this resolution: " + base.describe(),
        ExitCode.INVALID);
  }

  /**
   * The archive URLs mmdebstrap writes into the sources of bootstrap {@code b} (its mirror, or
   * mmdebstrap's default), as a snapshot of the archive must stand in for them.
   */
  public List<String> archiveUris(Base.Bootstrap b) {
    try {
      Files.createDirectories(cache);
      Path scratch = Files.createTempDirectory(cache, ".tmp-sources-");
      try {
        return ArchiveProbe.sources(b, cache, scratch).stream()
            .map(deb -> deb.get(0))
            .distinct()
            .toList();
      } finally {
        Trees.delete(scratch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read mmdebstrap's sources for " + b.describe(), e);
    }
  }

  private ResolvedBase tarball(Path file, Consumer<String> lines) {
    if (!Files.isRegularFile(file)) {
      throw new EngineException("base tarball not found: " + file, ExitCode.INVALID);
    }
    String key = Digests.of("tarball-v1", Digests.ofFile(file));
    Path dir = cache.resolve("tar-" + key.substring(0, 32));
    boolean made = !Files.isDirectory(dir);
    if (made) {
      try {
        Files.createDirectories(cache);
        Path work = Files.createTempDirectory(cache, ".tmp-tar-");
        try {
          Tarballs.extract(file, Files.createDirectory(work.resolve("rootfs")), lines);
          Trees.publish(work, dir);
        } finally {
          Trees.delete(work);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("extracting " + file, e);
      }
    }
    return new ResolvedBase(key, List.of(dir.resolve("rootfs")), made);
  }

  private static Path checkedDir(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new EngineException("base directory not found: " + dir, ExitCode.INVALID);
    }
    String s = dir.toAbsolutePath().toString();
    if (s.contains(":") || s.contains(",")) {
      // overlayfs mount options use ':' and ',' as separators.
      throw new EngineException(
          "base directory path may not contain ':' or ',': " + dir, ExitCode.INVALID);
    }
    return dir.toAbsolutePath();
  }
}
