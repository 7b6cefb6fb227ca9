package dev.osimages.engine.model;

import java.util.Map;

/**
 * Positions of the declaration's nodes, keyed by their path as messages print it, e.g. {@code
 * variants.firewall.bases[1]} or {@code distros.debian.versions."13".args.CODENAME}. Keys name the
 * value node; a key with the suffix {@code #key} names the mapping key itself.
 */
public record SourceMap(String file, Map<String, SourcePosition> positions) {
  public SourceMap {
    positions = Map.copyOf(positions);
  }

  /** The position of {@code path}, or of its nearest recorded ancestor, or the file alone. */
  public SourcePosition at(String path) {
    String p = path;
    while (true) {
      SourcePosition pos = positions.get(p);
      if (pos != null) {
        return pos;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return SourcePosition.unknown(file);
      }
      p = p.substring(0, cut);
    }
  }
}
