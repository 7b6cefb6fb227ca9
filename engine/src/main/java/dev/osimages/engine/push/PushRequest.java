package dev.osimages.engine.push;

import dev.osimages.engine.registry.ImageRef;
import dev.osimages.engine.signing.SigningKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One set to push: the cell, its published directory, its rendered Dockerfile (labels and
 * environment for the config), the references to push to, the layer compression ({@code gzip} or
 * {@code zstd}), the platform ({@code linux/amd64}) and extra manifest annotations (the
 * declaration's git commit), and the key to sign and attest the image with (none: unsigned).
 */
public record PushRequest(
    String cell,
    Path setDir,
    String dockerfile,
    List<ImageRef> targets,
    String compression,
    String platform,
    Map<String, String> annotations,
    Optional<SigningKey> signingKey) {
  public PushRequest {
    targets = List.copyOf(targets);
    annotations = Map.copyOf(annotations);
  }
}
