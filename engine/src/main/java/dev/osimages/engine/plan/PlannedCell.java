package dev.osimages.engine.plan;

import dev.osimages.engine.model.Cell;
import java.util.Map;
import java.util.Optional;

/**
 * A cell with its rendered Dockerfile and input hash, ready to build. {@code inputs} names what
 * else the hash covers (base, base image, context files, ...) for reviews; see {@link
 * InputHasher#hashed}.
 */
public record PlannedCell(
    Cell cell,
    String dockerfile,
    String inputHash,
    Optional<String> baseId,
    boolean selected,
    Map<String, String> inputs) {
  public PlannedCell {
    inputs = Map.copyOf(inputs);
  }
}
