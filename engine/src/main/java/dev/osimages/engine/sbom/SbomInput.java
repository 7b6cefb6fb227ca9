package dev.osimages.engine.sbom;

import java.time.Instant;
import java.util.List;

/**
 * Everything one image's SBOM says: the image (cell id, input hash), the package inventory read
 * from its database during export, and the files its templates added.
 *
 * @param imageId the cell id ({@code debian/13}), or the export's name
 * @param inputHash the plan's input hash, "" when exported by hand
 * @param engineVersion the version of the engine writing it
 * @param created when the image was exported
 */
public record SbomInput(
    String imageId,
    String inputHash,
    String engineVersion,
    Instant created,
    PackageInventory inventory,
    List<AddedFile> addedFiles) {
  public SbomInput {
    addedFiles = List.copyOf(addedFiles);
  }
}
