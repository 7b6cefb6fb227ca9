package dev.osimages.engine.export;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.provenance.ProvenanceInput;
import dev.osimages.engine.provenance.SlsaProvenance;
import dev.osimages.engine.sbom.CycloneDxSbom;
import dev.osimages.engine.sbom.SbomInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step two: makes a staged export visible, atomically. The SBOM (checked against the CycloneDX
 * schema), the provenance, the signature when there is one, then manifest.json (recording each
 * file's sha256) and last the md5 file are written into the staging directory and fsynced; then the
 * old set (if any) is renamed aside, the staging directory renamed into place, the parent fsynced
 * and the old set deleted. A kill
 *
 * <ul>
 *   <li>before the first rename leaves the previous set untouched (plus a hidden staging directory
 *       the next run removes);
 *   <li>between the two renames leaves no set at the target, the previous one complete under a
 *       hidden ".NAME.old-*" name, which the next export of that image moves back first;
 *   <li>after the second rename leaves the new complete set (plus a hidden old one to delete).
 * </ul>
 *
 * <p>A tarball and an md5 file never appear in the target without each other and never disagree. A
 * failure before the renames (an SBOM the schema rejects, a full disk) discards the staged set.
 */
public final class Publisher {
  /** Publishes {@code staged} with nothing known beyond the export. */
  public Manifest publish(StagedExport staged, ManifestExtras extras) {
    return publish(staged, extras, Attachments.NONE);
  }

  /** Publishes {@code staged} into its target directory and returns what was recorded. */
  public Manifest publish(StagedExport staged, ManifestExtras extras, Attachments attachments) {
    Path target = staged.targetDir();
    Path dir = staged.stagingDir();
    Manifest m;
    try {
      Instant created = Instant.now();
      String sbom =
          CycloneDxSbom.write(
              new SbomInput(
                  extras.id(),
                  extras.inputHash(),
                  extras.engineVersion(),
                  created,
                  staged.inventory(),
                  attachments.addedFiles()));
      Map<String, String> files = new LinkedHashMap<>();
      files.put(ImageSet.PACKAGES, Digests.ofFile(dir.resolve(ImageSet.PACKAGES)));
      files.put(ImageSet.SBOM, writeSynced(dir.resolve(ImageSet.SBOM), sbom));
      String provenance =
          attachments.provenance().orElseGet(() -> exportProvenance(staged, extras, created));
      files.put(ImageSet.PROVENANCE, writeSynced(dir.resolve(ImageSet.PROVENANCE), provenance));
      if (attachments.signature().isPresent()) {
        files.put(
            ImageSet.SIGNATURE,
            writeSynced(dir.resolve(ImageSet.SIGNATURE), attachments.signature().get()));
      }
      m = Manifest.of(staged, extras, created, files);
      writeSynced(dir.resolve(ImageSet.MANIFEST), m.toJson());
      writeSynced(dir.resolve(ImageSet.MD5), ImageSet.md5Line(staged.md5()));
      AtomicFiles.fsync(dir);
    } catch (IOException | RuntimeException e) {
      discard(staged);
      throw e instanceof EngineException ee
          ? ee
          : ExportFailures.of(staged.cell(), null, target, e);
    }
    try {
      Path parent = target.toAbsolutePath().getParent();
      Path aside = null;
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        aside = Staging.asideName(target);
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.fsync(parent);
      if (aside != null) {
        Trees.delete(aside);
      }
      return m;
    } catch (IOException e) {
      throw ExportFailures.of(staged.cell(), null, target, e);
    } catch (UncheckedIOException e) {
      throw ExportFailures.of(staged.cell(), null, target, e.getCause());
    }
  }

  /** Throws a staged export away (verification failed, or the run was cancelled). */
  public void discard(StagedExport staged) {
    try {
      Trees.delete(staged.stagingDir());
      Staging.removeEmptyParents(staged.createdParents());
    } catch (UncheckedIOException e) {
      throw new EngineException(
          staged.cell()
              + ": cannot remove staging directory "
              + staged.stagingDir()
              + ": "
              + e.getCause(),
          ExitCode.FAILED,
          e);
    }
  }

  /** The provenance of a set exported by hand: what was exported, by which engine, when. */
  private static String exportProvenance(StagedExport s, ManifestExtras x, Instant created) {
    String host = hostName();
    return SlsaProvenance.write(
        new ProvenanceInput(
            SlsaProvenance.BUILD_TYPE_EXPORT,
            ImageSet.TARBALL,
            s.sha256(),
            Map.of("image", x.id()),
            Map.of(),
            List.of(),
            "urn:osimages:engine:export",
            Map.of("osimages-engine", x.engineVersion()),
            host + ":" + s.targetDir().toAbsolutePath(),
            host,
            created.minus(s.took()),
            created));
  }

  /** This machine's name, for provenance. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Writes and fsyncs {@code text}; returns its sha256. */
  static String writeSynced(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Files.write(file, bytes);
    AtomicFiles.fsync(file);
    return Digests.ofBytes(bytes);
  }
}
