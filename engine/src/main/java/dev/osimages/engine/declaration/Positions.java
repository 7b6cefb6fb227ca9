package dev.osimages.engine.declaration;

import dev.osimages.engine.model.SourcePosition;
import java.util.List;

/** Where a message about a path of the loaded tree is placed. */
final class Positions {
  private final YamlValue root;
  private final String file;

  Positions(YamlValue root, String file) {
    this.root = root;
    this.file = file;
  }

  /**
   * The key that introduces the node at {@code path} (for what a mapping lacks or holds too much
   * of); the node itself for list items; the file's start for the root.
   */
  SourcePosition key(NodePath path) {
    List<Object> segs = path.segments();
    if (segs.isEmpty()) {
      return new SourcePosition(file, 1, 1);
    }
    if (segs.get(segs.size() - 1) instanceof String key
        && new NodePath(segs.subList(0, segs.size() - 1)).find(root)
            instanceof YamlValue.Mapping parent) {
      var entry = parent.entry(key);
      if (entry.isPresent()) {
        return entry.get().keyPosition();
      }
    }
    YamlValue node = path.find(root);
    return node != null ? node.position() : new SourcePosition(file, 1, 1);
  }

  /** The node at {@code path} itself, falling back to its key. */
  SourcePosition value(NodePath path) {
    YamlValue node = path.find(root);
    return node != null ? node.position() : key(path);
  }
}
