package dev.osimages.engine.model;

import java.util.List;
import java.util.Optional;

/** Where an image starts, as declared: a bootstrap, a registry image, or another cell. */
public sealed interface BaseSpec {

  /**
   * A root filesystem bootstrapped from a Debian-style package archive with mmdebstrap. The mirror
   * is empty to leave it to mmdebstrap's default, the archive key empty to trust the host's
   * keyrings; {@code snapshot} is the URL template ({@code {timestamp}}) of a snapshot service of
   * the archive, used only when a build asks for an archive snapshot.
   */
  record Bootstrap(
      String suite,
      String variant,
      List<String> components,
      List<String> packages,
      Optional<String> mirror,
      Optional<ArchiveKey> archiveKey,
      Optional<String> snapshot)
      implements BaseSpec {
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
  }

  /**
   * The archive's signing key, for hosts without its keyring: read from {@code file} in the
   * archive's package {@code packageName} and trusted only as the key with {@code fingerprint}.
   */
  record ArchiveKey(String packageName, String file, String fingerprint) {}

  /** An image pulled from a registry, e.g. {@code almalinux:9}. */
  record Registry(String reference) implements BaseSpec {}

  /** The result of another cell of the matrix, by id ({@code debian/13}). */
  record CellRef(String id) implements BaseSpec {}
}
