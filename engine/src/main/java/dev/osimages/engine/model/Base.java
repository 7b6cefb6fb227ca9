package dev.osimages.engine.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where an image starts. A declaration names a bootstrap, a registry image or another cell ({@link
 * CellRef}); a build is given the engine's own forms besides: another cell's root filesystem, a
 * local tarball or OCI layout ({@code engine build --base}), or an image already in the Docker
 * daemon (another cell's result with that backend). One type for the declaration and the builders,
 * so the two cannot drift apart.
 */
public sealed interface Base {
  /** A one-line description for messages and the cache listing. */
  String describe();

  /**
   * An mmdebstrap bootstrap of a Debian or Ubuntu suite. An empty {@code mirror} leaves the choice
   * to mmdebstrap's default; an empty {@code archiveKey} leaves the archive's key to the host's
   * keyrings; {@code snapshot} is the URL template ({@code {timestamp}}, {@code {archive}}) of a
   * snapshot service of the archive, used only when a build asks for an archive snapshot (it is not
   * part of what the bootstrap is: no cache key or input hash covers it).
   */
  record Bootstrap(
      String suite,
      String variant,
      List<String> components,
      List<String> packages,
      Optional<String> mirror,
      Optional<ArchiveKey> archiveKey,
      Optional<String> snapshot)
      implements Base {
    public Bootstrap {
      components = List.copyOf(components);
      packages = List.copyOf(packages);
    }

    /** A bootstrap without a snapshot service. */
    public Bootstrap(
        String suite,
        String variant,
        List<String> components,
        List<String> packages,
        Optional<String> mirror,
        Optional<ArchiveKey> archiveKey) {
      this(suite, variant, components, packages, mirror, archiveKey, Optional.empty());
    }

    /** A bootstrap that trusts the host's keyrings. */
    public Bootstrap(
        String suite,
        String variant,
        List<String> components,
        List<String> packages,
        Optional<String> mirror) {
      this(suite, variant, components, packages, mirror, Optional.empty());
    }

    @Override
    public String describe() {
      return "bootstrap "
          + suite
          + " ("
          + variant
          + ", "
          + String.join(",", components)
          + (packages.isEmpty() ? "" : ", +" + String.join(",", packages))
          + ")";
    }
  }

  /**
   * The archive's signing key, taken from the keyring file {@code file} (a path inside the package)
   * of the archive's package {@code packageName}, trusted only as the key with {@code fingerprint}
   * (40 upper-case hex digits) that signs the suite.
   */
  record ArchiveKey(String packageName, String file, String fingerprint) {}

  /** A root filesystem directory, e.g. another cell's build result. */
  record RootfsDir(Path dir) implements Base {
    @Override
    public String describe() {
      return "rootfs " + dir;
    }
  }

  /**
   * Another build's result as the chroot backend keeps it: overlay layers in its step cache, bottom
   * first, used in place as the lower layers of what is built on it (never copied). {@code key} is
   * the result's cache key.
   */
  record Layers(String key, List<Path> bottomFirst) implements Base {
    public Layers {
      bottomFirst = List.copyOf(bottomFirst);
    }

    @Override
    public String describe() {
      return "result " + key.substring(0, Math.min(12, key.length()));
    }
  }

  /** A root filesystem tarball (plain, gzip, xz, zstd or lz4, as GNU tar reads them). */
  record RootfsTarball(Path file) implements Base {
    @Override
    public String describe() {
      return "tarball " + file;
    }
  }

  /** An OCI image layout directory (index.json, blobs/) holding one image. */
  record OciLayout(Path dir) implements Base {
    @Override
    public String describe() {
      return "oci layout " + dir;
    }
  }

  /**
   * An image in a registry, as written ({@code almalinux:9}, {@code host/repo@sha256:...}): short
   * names resolve as containers-registries.conf(5) says; both backends pull it.
   */
  record Registry(String reference) implements Base {
    @Override
    public String describe() {
      return "registry " + reference;
    }
  }

  /**
   * The result of another cell of the matrix, by id ({@code debian/13}): what a declaration says;
   * the run builds that cell first and hands the builder its {@link Layers} or {@link DaemonImage}.
   */
  record CellRef(String id) implements Base {
    @Override
    public String describe() {
      return "cell " + id;
    }
  }

  /** An image already in the Docker daemon, by id: another cell's Docker backend result. */
  record DaemonImage(String id) implements Base {
    @Override
    public String describe() {
      return "docker image " + id;
    }
  }
}
