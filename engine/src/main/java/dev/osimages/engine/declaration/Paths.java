package dev.osimages.engine.declaration;

/** Builds {@link NodePath}s from literal segments: strings are keys, integers list indexes. */
final class Paths {
  private Paths() {}

  /** The path of the given segments under the root. */
  static NodePath of(Object... segments) {
    NodePath path = NodePath.ROOT;
    for (Object s : segments) {
      path = s instanceof Integer i ? path.index(i) : path.key((String) s);
    }
    return path;
  }
}
