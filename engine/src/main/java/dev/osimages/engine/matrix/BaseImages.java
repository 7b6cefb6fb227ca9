package dev.osimages.engine.matrix;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import java.util.Map;

/**
 * The symbolic image reference a rendered Dockerfile starts from ({@code ARG BASE_IMAGE=<ref>}).
 * Registry bases keep their reference; a bootstrapped base is {@code
 * localhost/osimages/bootstrap/<os>:<version>} and another cell's result {@code
 * localhost/osimages/<os>:<version>}. Backends map these references to what they build from, so the
 * rendered Dockerfile is the same for every backend.
 */
public final class BaseImages {
  /** The prefix of references the engine itself provides. */
  public static final String LOCAL = "localhost/osimages/";

  private BaseImages() {}

  /** The reference {@code cell} starts from; {@code cells} resolves derived bases by id. */
  public static String reference(Cell cell, Map<String, Cell> cells) {
    Base base = cell.base();
    if (base instanceof Base.Registry r) {
      return r.reference();
    }
    if (base instanceof Base.CellRef ref) {
      return ofCell(cells.get(ref.id()));
    }
    return LOCAL + "bootstrap/" + cell.os() + ":" + cell.version();
  }

  /** The reference under which a built cell is known to cells derived from it. */
  public static String ofCell(Cell cell) {
    return LOCAL + cell.os() + ":" + cell.version();
  }
}
