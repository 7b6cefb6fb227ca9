package dev.osimages.engine.registry;

import java.util.Set;

/**
 * The layer media types a pull accepts: tar, gzip and zstd compressed, OCI and Docker v2 spellings.
 * Foreign (non-distributable) layers and anything else are refused by name before any download.
 */
final class LayerFormats {
  private static final Set<String> ACCEPTED =
      Set.of(
          MediaTypes.OCI_LAYER,
          MediaTypes.OCI_LAYER_GZIP,
          MediaTypes.OCI_LAYER_ZSTD,
          MediaTypes.DOCKER_LAYER_GZIP,
          "application/vnd.docker.image.rootfs.diff.tar",
          "application/vnd.docker.image.rootfs.diff.tar.zstd");

  private LayerFormats() {}

  static void check(ImageRef ref, Descriptor layer) {
    if (!ACCEPTED.contains(layer.mediaType())) {
      throw new RegistryException(
          ref
              + ": layer "
              + layer.digest()
              + " has media type "
              + layer.mediaType()
              + ", which is not a tar, tar+gzip or tar+zstd layer",
          -1);
    }
  }
}
