package dev.osimages.engine.archive;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.host.HostCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's package cache: every file apt fetched through the archive proxy, kept so a build can
 * be replayed offline. Packages live under {@code debs/} as {@code name_version_arch.deb} (the
 * epoch's colon written {@code %3a}, as apt does); everything else (InRelease, package indices)
 * under {@code files/<sha256>}. A package whose name is taken by a different file (the same version
 * rebuilt by another archive) is kept under {@code files/} too, so every recorded fetch can be
 * found by its digest. A file's modification time is its last use (set when a build fetches or
 * replays it), which {@code engine cache list|prune} go by.
 */
public final class PackageStore {
  private final Path root;

  /** A store under {@code root} (the engine uses {@code <state>/packages}). */
  public PackageStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The store's directory. */
  public Path root() {
    return root;
  }

  /** A fresh temp file for a download in progress (on the store's filesystem). */
  Path newTemp() throws IOException {
    Path tmp = root.resolve("tmp");
    Files.createDirectories(tmp);
    return Files.createTempFile(tmp, "fetch-", ".part");
  }

  /**
   * Moves the downloaded {@code temp} (whose sha256 is known) into the store and returns its
   * record. A {@code .deb} is identified with {@code dpkg-deb}.
   */
  Fetch keep(Path temp, String url, String sha256, long size, String lastModified)
      throws IOException {
    Optional<Fetch.DebPackage> deb = url.endsWith(".deb") ? identify(temp) : Optional.empty();
    Fetch f = new Fetch(url, sha256, size, lastModified, deb);
    Path target = deb.isPresent() ? debPath(deb.get()) : filePath(sha256);
    if (deb.isPresent() && Files.exists(target) && !sameSize(target, size)) {
      target = filePath(sha256);
    }
    Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      Files.delete(temp);
      touch(target);
    } else {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
    return f;
  }

  /**
   * The stored file of a recorded fetch, checked against its digest.
   *
   * @throws EngineException naming the file when the store lacks it or holds other content
   */
  public Path find(Fetch f) {
    for (Path p : candidates(f)) {
      if (Files.isRegularFile(p) && sameSize(p, f.size()) && digest(p).equals(f.sha256())) {
        touch(p);
        return p;
      }
    }
    throw new EngineException(
        "the package cache "
            + root
            + " does not hold "
            + f.deb().map(Fetch.DebPackage::fileName).orElse(f.url())
            + " (sha256 "
            + f.sha256()
            + "); build once with archive access to fill it",
        ExitCode.FAILED);
  }

  /**
   * Where the store keeps the file of {@code f}, if it holds a file of that size there (not
   * digested, not stamped): what a build's record stands on, for {@code engine cache list}.
   */
  public Optional<Path> stored(Fetch f) {
    return candidates(f).stream()
        .filter(p -> Files.isRegularFile(p) && sameSize(p, f.size()))
        .findFirst();
  }

  /** Where the file of {@code f} may be: a package under its name first, then by digest. */
  private List<Path> candidates(Fetch f) {
    return f.deb().isPresent()
        ? List.of(debPath(f.deb().get()), filePath(f.sha256()))
        : List.of(filePath(f.sha256()));
  }

  private final Map<Path, String> digests = new HashMap<>();

  private synchronized String digest(Path p) {
    return digests.computeIfAbsent(p, dev.osimages.engine.host.Digests::ofFile);
  }

  Path debPath(Fetch.DebPackage d) {
    return root.resolve("debs").resolve(d.fileName().replace(":", "%3a"));
  }

  Path filePath(String sha256) {
    return root.resolve("files").resolve(sha256);
  }

  /**
   * Stamps a stored file as used now: {@code engine cache prune} removes the least recent first.
   */
  private static void touch(Path p) {
    try {
      Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
    } catch (IOException e) {
      // a stale stamp only makes the file an earlier candidate for pruning
    }
  }

  private static boolean sameSize(Path p, long size) {
    try {
      return Files.size(p) == size;
    } catch (IOException e) {
      return false;
    }
  }

  /** Name, version and architecture of a .deb, from its control file; empty if it is none. */
  private static Optional<Fetch.DebPackage> identify(Path deb) {
    StringBuilder out = new StringBuilder();
    HostCommand.Result r =
        HostCommand.run(
            List.of("dpkg-deb", "--field", deb.toString(), "Package", "Version", "Architecture"),
            null,
            Map.of(),
            l -> out.append(l).append('\n'));
    if (!r.ok()) {
      return Optional.empty();
    }
    Map<String, String> fields = new HashMap<>();
    for (String l : out.toString().split("\n")) {
      int c = l.indexOf(':');
      if (c > 0) {
        fields.put(l.substring(0, c).strip(), l.substring(c + 1).strip());
      }
    }
    if (!fields.keySet().containsAll(List.of("Package", "Version", "Architecture"))) {
      return Optional.empty();
    }
    return Optional.of(
        new Fetch.DebPackage(
            fields.get("Package"), fields.get("Version"), fields.get("Architecture")));
  }

  /** Wraps an I/O failure of the store. */
  static UncheckedIOException failure(String what, IOException e) {
    return new UncheckedIOException("package cache: " + what + ": " + e.getMessage(), e);
  }
}
