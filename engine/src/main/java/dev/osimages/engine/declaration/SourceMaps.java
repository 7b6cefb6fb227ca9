package dev.osimages.engine.declaration;

import dev.osimages.engine.model.SourceMap;
import dev.osimages.engine.model.SourcePosition;
import java.util.HashMap;
import java.util.Map;

/** Records the position of every node of a loaded tree under its dotted path. */
final class SourceMaps {
  private SourceMaps() {}

  /** The source map of {@code root}: value positions by path, key positions by path + "#key". */
  static SourceMap of(YamlValue root, String file) {
    Map<String, SourcePosition> positions = new HashMap<>();
    walk(root, NodePath.ROOT, positions);
    return new SourceMap(file, positions);
  }

  private static void walk(YamlValue node, NodePath path, Map<String, SourcePosition> out) {
    out.put(path.dotted(), node.position());
    if (node instanceof YamlValue.Mapping m) {
      for (YamlValue.Entry e : m.entries()) {
        NodePath child = path.key(e.key());
        out.put(child.dotted() + "#key", e.keyPosition());
        walk(e.value(), child, out);
      }
    } else if (node instanceof YamlValue.Sequence s) {
      for (int i = 0; i < s.items().size(); i++) {
        walk(s.items().get(i), path.index(i), out);
      }
    }
  }
}
