package dev.osimages.engine.dockerfile;

import java.util.List;
import java.util.Optional;

/** One build stage: its FROM and the instructions after it, up to the next FROM. */
public record Stage(int index, Instruction.From from, List<Instruction> instructions) {
  public Stage {
    instructions = List.copyOf(instructions);
  }

  /** The name that {@code COPY --from} and {@code FROM} use: the alias, else the index. */
  public Optional<String> alias() {
    return from.alias();
  }
}
