package dev.osimages.engine.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile: the ARGs declared before the first FROM (they apply to FROM lines only), the
 * stages in order, the escape character, and the name messages use for the file.
 */
public record Dockerfile(
    String name, char escape, List<Instruction.Arg> globalArgs, List<Stage> stages) {
  public Dockerfile {
    globalArgs = List.copyOf(globalArgs);
    stages = List.copyOf(stages);
  }

  /** The stage called {@code nameOrIndex} (its AS name, case-insensitive, or its number). */
  public Optional<Stage> stage(String nameOrIndex) {
    for (Stage s : stages) {
      if (s.alias().map(a -> a.equalsIgnoreCase(nameOrIndex)).orElse(false)) {
        return Optional.of(s);
      }
    }
    if (nameOrIndex.matches("[0-9]+")) {
      int i = Integer.parseInt(nameOrIndex);
      if (i < stages.size()) {
        return Optional.of(stages.get(i));
      }
    }
    return Optional.empty();
  }

  /** "name:line", the way every message names a place in the Dockerfile. */
  public String at(int line) {
    return name + ":" + line;
  }
}
