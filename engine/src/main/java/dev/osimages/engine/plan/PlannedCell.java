package dev.osimages.engine.plan;

import dev.osimages.engine.model.Cell;
import java.util.Optional;

/** A cell with its rendered Dockerfile and input hash, ready to build. */
public record PlannedCell(
    Cell cell, String dockerfile, String inputHash, Optional<String> baseId, boolean selected) {}
