package dev.osimages.engine.registry;

import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.host.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed storage under one directory ({@code <state>/registry}): every pulled blob,
 * manifest and index as {@code blobs/sha256/<hex>}, shared by every cell and build, and the digest
 * each tag last resolved to ({@code refs/}), for {@code --pull missing|never} and for builds while
 * the registry is down. A file exists under its digest only once it was verified.
 */
public final class BlobCache {
  private final Path root;

  /** A cache under {@code root}. */
  public BlobCache(Path root) {
    this.root = root;
  }

  /** Where blob {@code digest} is kept. */
  public Path blob(String digest) {
    return root.resolve("blobs").resolve("sha256").resolve(hex(digest));
  }

  boolean has(String digest) {
    return Files.isRegularFile(blob(digest));
  }

  /** Stores manifest or index bytes under their digest. */
  void put(Content c) {
    store(c);
  }

  /** Stores {@code c}'s bytes under their digest (once) and returns the file, e.g. to push it. */
  public Path store(Content c) {
    try {
      if (!has(c.digest())) {
        AtomicFiles.write(blob(c.digest()), c.bytes());
      }
      return blob(c.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + blob(c.digest()), e);
    }
  }

  /** The cached manifest or index {@code digest}, if present (checked against its digest). */
  Optional<byte[]> get(String digest) {
    Path p = blob(digest);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      byte[] b = Files.readAllBytes(p);
      return ("sha256:" + Digests.ofBytes(b)).equals(digest) ? Optional.of(b) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + p, e);
    }
  }

  /** The digest {@code ref} (by tag) resolved to when it was last pulled. */
  Optional<String> pinned(ImageRef ref) {
    Path p = refFile(ref);
    try {
      return Files.isRegularFile(p)
          ? Optional.of(Files.readString(p, StandardCharsets.UTF_8).strip())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + p, e);
    }
  }

  void pin(ImageRef ref, String digest) {
    try {
      AtomicFiles.write(refFile(ref), (digest + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + refFile(ref), e);
    }
  }

  private Path refFile(ImageRef ref) {
    String key = ref.name() + ":" + ref.tag().orElse("");
    return root.resolve("refs").resolve(Digests.of("ref-v1", key));
  }

  private static String hex(String digest) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new RegistryException("unsupported digest " + digest, -1);
    }
    return digest.substring("sha256:".length());
  }
}
