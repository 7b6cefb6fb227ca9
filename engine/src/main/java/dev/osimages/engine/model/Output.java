package dev.osimages.engine.model;

import java.util.List;

/**
 * Where and how images are published: the store root (relative to the declaration's directory
 * unless absolute), the default channel, the lz4 level and registry tag patterns ({@code {os}},
 * {@code {version}} and {@code {id}} are replaced per cell).
 */
public record Output(String root, String channel, int compressionLevel, List<String> tags) {
  public Output {
    tags = List.copyOf(tags);
  }
}
