package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.SourcePosition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Words a {@code uniqueItems} violation: which item repeats which, both places named. */
final class Duplicates {
  private Duplicates() {}

  /** The problem at the first item that repeats an earlier one. */
  static Problem firstRepeat(NodePath path, YamlValue node, Positions positions) {
    if (node instanceof YamlValue.Sequence seq) {
      Map<String, SourcePosition> seen = new HashMap<>();
      List<YamlValue> items = seq.items();
      for (int i = 0; i < items.size(); i++) {
        String json = String.valueOf(JsonTrees.toJson(items.get(i)));
        SourcePosition first = seen.putIfAbsent(json, items.get(i).position());
        if (first != null) {
          return Problem.error(
              items.get(i).position(),
              path.index(i).dotted(),
              "duplicate item (first at " + first.line() + ":" + first.column() + ")");
        }
      }
    }
    return Problem.error(positions.value(path), path.dotted(), "items must be unique");
  }
}
