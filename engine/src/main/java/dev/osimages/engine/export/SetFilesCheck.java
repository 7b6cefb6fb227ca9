package dev.osimages.engine.export;

import dev.osimages.engine.host.Digests;
import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.json.MalformedJsonException;
import dev.osimages.engine.provenance.SlsaProvenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks the files of a set besides the tarball: packages.txt, the SBOM and the provenance must be
 * there, and they and the signature must match the sha256 manifest.json records for them (a file
 * the manifest does not record, or records and is missing, is a problem); the provenance must name
 * the tarball's sha256 as its subject.
 */
final class SetFilesCheck {
  private SetFilesCheck() {}

  static void check(Path dir, String tarballSha256, List<String> problems) throws IOException {
    Path manifest = dir.resolve(ImageSet.MANIFEST);
    for (String f : ImageSet.FILES) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        problems.add(dir.resolve(f) + ": missing (a complete set has " + ImageSet.FILES + ")");
      }
    }
    if (!Files.isRegularFile(manifest)) {
      return;
    }
    Map<String, String> recorded;
    try {
      recorded =
          Manifest.read(JsonObject.parse(Files.readString(manifest, StandardCharsets.UTF_8)))
              .files();
    } catch (MalformedJsonException e) {
      return; // ImageSetChecker reports a manifest that is not JSON
    } catch (RuntimeException e) { // a member this engine writes is missing or of another type
      problems.add(manifest + ": not a manifest this engine wrote: " + e.getMessage());
      return;
    }
    for (String f : ImageSet.RECORDED) {
      Path file = dir.resolve(f);
      boolean present = Files.isRegularFile(file);
      String expected = recorded.get(f);
      if (expected == null && present) {
        problems.add(file + ": not recorded in " + ImageSet.MANIFEST);
      } else if (expected != null && !present) {
        problems.add(manifest + ": records " + f + ", which is missing");
      } else if (expected != null && !expected.equals(Digests.ofFile(file))) {
        problems.add(
            file
                + ": sha256 "
                + Digests.ofFile(file)
                + " but "
                + ImageSet.MANIFEST
                + " records "
                + expected);
      }
    }
    Path provenance = dir.resolve(ImageSet.PROVENANCE);
    if (Files.isRegularFile(provenance)) {
      try {
        SlsaProvenance.Summary p =
            SlsaProvenance.read(Files.readString(provenance, StandardCharsets.UTF_8));
        if (!p.subjectSha256().equals(tarballSha256)) {
          problems.add(
              provenance
                  + ": subject sha256 "
                  + p.subjectSha256()
                  + " but the tarball's is "
                  + tarballSha256);
        }
      } catch (IllegalArgumentException e) {
        problems.add(provenance + ": not an in-toto statement: " + e.getMessage());
      }
    }
  }
}
