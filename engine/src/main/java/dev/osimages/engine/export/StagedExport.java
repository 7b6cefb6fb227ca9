package dev.osimages.engine.export;

import dev.osimages.engine.sbom.PackageInventory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An exported image set waiting in a hidden staging directory next to its final place: the tarball
 * and packages.txt are complete and fsynced; manifest.json and the md5 file are written by {@link
 * Publisher#publish}. Verification runs against this before anything becomes visible.
 *
 * @param stagingDir the hidden directory holding the files
 * @param targetDir where {@link Publisher#publish} will put them
 * @param tarBytes size of the uncompressed tar stream (never written to disk)
 * @param lz4Bytes size of img.tar.lz4
 * @param md5 hex md5 of img.tar.lz4
 * @param sha256 hex sha256 of img.tar.lz4
 * @param packageCount lines of packages in packages.txt
 * @param took how long the export ran
 * @param createdParents parents of {@code targetDir} the export created (deepest first), removed
 *     again by {@link Publisher#discard} when empty
 * @param inventory the packages packages.txt lists and the image's OS, for the SBOM
 */
public record StagedExport(
    String cell,
    Path stagingDir,
    Path targetDir,
    long tarBytes,
    long lz4Bytes,
    String md5,
    String sha256,
    int packageCount,
    Duration took,
    List<Path> createdParents,
    PackageInventory inventory) {

  public StagedExport {
    createdParents = List.copyOf(createdParents);
  }

  /** The staged tarball (for verification before publishing). */
  public Path tarball() {
    return stagingDir.resolve(ImageSet.TARBALL);
  }
}
