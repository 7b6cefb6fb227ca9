package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Problem;
import java.util.List;

/** A valid declaration and the warnings found while checking it, sorted by position. */
public record LoadedDeclaration(Declaration declaration, List<Problem> warnings) {
  public LoadedDeclaration {
    warnings = warnings.stream().sorted().toList();
  }
}
