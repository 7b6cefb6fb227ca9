package dev.osimages.engine.model;

import java.nio.file.Path;

/**
 * A named build context as declared ({@code namedContexts: {NAME: {dir: PATH} | {cell: ID}}}): a
 * directory (relative to the declaration in a distro or variant, absolute in a {@link Cell}) or
 * another cell's image.
 */
public sealed interface NamedContextSpec {
  /** A directory. */
  record Dir(Path path) implements NamedContextSpec {}

  /** The image another cell builds, by id. */
  record CellRef(String id) implements NamedContextSpec {}
}
