package dev.osimages.engine.registry;

/** The media types of OCI and Docker v2 images the engine reads and writes. */
public final class MediaTypes {
  private MediaTypes() {}

  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = OCI_LAYER + "+gzip";
  public static final String OCI_LAYER_ZSTD = OCI_LAYER + "+zstd";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";

  /** True for an index or manifest list (points at manifests per platform). */
  public static boolean isIndex(String mediaType) {
    return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
  }

  /** True for a single-image manifest. */
  public static boolean isManifest(String mediaType) {
    return mediaType.equals(OCI_MANIFEST) || mediaType.equals(DOCKER_MANIFEST);
  }
}
