package dev.osimages.engine.registry;

import java.nio.file.Path;
import java.util.List;

/**
 * An image in the local blob cache: the reference as pinned ({@code host/repo:tag@sha256:...}, the
 * digest of what the tag named: an index or a manifest), the platform's manifest, its config, and
 * its layers bottom first with the cached file of each (verified against its digest).
 */
public record PulledImage(
    ImageRef pinned, Content manifest, Path config, List<Descriptor> layers, List<Path> files) {
  public PulledImage {
    layers = List.copyOf(layers);
    files = List.copyOf(files);
  }
}
