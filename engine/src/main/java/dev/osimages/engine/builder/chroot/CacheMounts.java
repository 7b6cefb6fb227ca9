package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.dockerfile.RunMount;
import dev.osimages.engine.host.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The directories of {@code RUN --mount=type=cache}, kept in the state directory by cache id
 * ({@code cache-mounts/<digest>/data}) across builds and never part of an image. Sharing follows
 * BuildKit: {@code shared} lets steps use a cache at once, {@code locked} makes a second step wait
 * for the first, {@code private} gives a second concurrent step another instance of the cache. One
 * engine process owns a state directory (its lock), so the locks here are the process's own.
 */
final class CacheMounts {
  private static final Map<Path, Semaphore> IN_USE = new ConcurrentHashMap<>();
  private final Path dir;

  CacheMounts(Path dir) {
    this.dir = dir;
  }

  /** A cache directory in use until {@link #close}. */
  record Lease(Path data, Semaphore held) implements AutoCloseable {
    @Override
    public void close() {
      if (held != null) {
        held.release();
      }
    }
  }

  /** The directory of {@code m}'s cache, created with its mode and owner on first use. */
  Lease open(RunMount m) {
    String base = Digests.of("cache-mount", m.id()).substring(0, 32);
    switch (m.sharing()) {
      case LOCKED -> {
        Path d = instance(base, 0, m);
        Semaphore s = IN_USE.computeIfAbsent(d, k -> new Semaphore(1));
        s.acquireUninterruptibly();
        return new Lease(d, s);
      }
      case PRIVATE -> {
        for (int i = 0; ; i++) {
          Path d = instance(base, i, m);
          Semaphore s = IN_USE.computeIfAbsent(d, k -> new Semaphore(1));
          if (s.tryAcquire()) {
            return new Lease(d, s);
          }
        }
      }
      default -> {
        return new Lease(instance(base, 0, m), null);
      }
    }
  }

  private Path instance(String base, int n, RunMount m) {
    Path top = dir.resolve(n == 0 ? base : base + "-" + n);
    Path data = top.resolve("data");
    try {
      if (!Files.isDirectory(data)) {
        Files.createDirectories(top);
        Path tmp = Files.createTempDirectory(top, ".tmp-");
        Files.setAttribute(tmp, "unix:uid", m.uid().orElse(0));
        Files.setAttribute(tmp, "unix:gid", m.gid().orElse(0));
        Files.setAttribute(tmp, "unix:mode", m.mode().orElse(0755));
        try {
          Files.move(tmp, data);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          Files.delete(tmp);
        }
      }
      Files.writeString(
          top.resolve("meta.properties"),
          "step=cache mount " + m.id().replace("\n", " ") + "\nused=" + Instant.now() + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the cache mount directory " + data, e);
    }
    return data;
  }
}
