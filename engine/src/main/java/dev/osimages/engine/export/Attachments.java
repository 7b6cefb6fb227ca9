package dev.osimages.engine.export;

import dev.osimages.engine.sbom.AddedFile;
import java.util.List;
import java.util.Optional;

/**
 * What a published set carries besides the export itself, given by whoever knows it: the files the
 * templates added (for the SBOM), the provenance statement, and the tarball's signature.
 *
 * @param provenance provenance.json's text; empty: a statement that only names the export
 * @param signature img.tar.lz4.sig's text; empty: the set is not signed
 */
public record Attachments(
    List<AddedFile> addedFiles, Optional<String> provenance, Optional<String> signature) {
  /** Nothing known beyond the export. */
  public static final Attachments NONE =
      new Attachments(List.of(), Optional.empty(), Optional.empty());

  public Attachments {
    addedFiles = List.copyOf(addedFiles);
  }
}
