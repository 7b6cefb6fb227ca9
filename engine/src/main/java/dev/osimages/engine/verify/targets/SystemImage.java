package dev.osimages.engine.verify.targets;

import java.nio.file.Path;
import java.util.List;

/**
 * What a target starts: the image's layers, top first (a prepared layer over the built root
 * filesystem, or the root filesystem alone), and the MAC addresses of the NICs a VM gets (each on a
 * private user-mode network that reaches nothing outside the VM). No target ever writes to a layer.
 */
public record SystemImage(List<Path> layers, List<String> nics) {
  public SystemImage {
    layers = List.copyOf(layers);
    nics = List.copyOf(nics);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a system image needs at least one layer");
    }
  }

  /** A built root filesystem as it is, without NICs. */
  public static SystemImage of(Path rootfs) {
    return new SystemImage(List.of(rootfs), List.of());
  }

  /** The built root filesystem (the bottom layer). */
  public Path rootfs() {
    return layers.get(layers.size() - 1);
  }
}
