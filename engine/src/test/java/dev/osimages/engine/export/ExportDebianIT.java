package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.event.EventListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports a real bootstrapped Debian (mmdebstrap --variant=minbase trixie, about 20 s; set
 * EXPORT_IT_ROOTFS to a directory to reuse one between local runs) and compares packages.txt with
 * {@code dpkg -l} run inside it.
 */
class ExportDebianIT {
  @TempDir static Path tmp;
  static Path rootfs;

  @BeforeAll
  static void bootstrap() throws Exception {
    NeedsRoot.assume("mmdebstrap and chroot");
    String cached = System.getenv("EXPORT_IT_ROOTFS");
    if (cached != null && Files.isDirectory(Path.of(cached, "var/lib/dpkg"))) {
      rootfs = Path.of(cached);
      return;
    }
    rootfs = cached != null ? Path.of(cached) : tmp.resolve("rootfs");
    TestTrees.sh(tmp, "mmdebstrap --quiet --variant=minbase trixie " + rootfs);
  }

  @Test
  void packagesTxt_isWhatDpkgListPrintsInTheImage() throws Exception {
    Path out = tmp.resolve("store/stable/debian/13");
    ExportOptions o = ExportOptions.defaults().withSourceDateEpoch(OptionalLong.empty());
    StagedExport staged = new Exporter(EventListener.NONE).stage("debian/13", rootfs, out, o);
    Manifest m =
        new Publisher().publish(staged, new ManifestExtras("debian/13", "h", "dev", null, null));

    String dpkgL = TestTrees.sh(rootfs, "chroot " + rootfs + " dpkg -l");
    assertThat(Files.readString(out.resolve(ImageSet.PACKAGES))).isEqualTo(dpkgL);
    long listed = dpkgL.lines().filter(l -> l.startsWith("ii ")).count();
    assertThat(m.packageCount()).isEqualTo((int) listed).isGreaterThan(50);
    TestTrees.sh(out, "lz4 -t img.tar.lz4 && md5sum -c img.tar.lz4.md5");
    String json = Files.readString(out.resolve(ImageSet.MANIFEST));
    assertThat(json).contains("\"id\": \"debian/13\"").contains("\"packageCount\": " + listed);
  }

  @Test
  void sbom_isSchemaValid_listsEveryPackageOfPackagesTxt_withParseablePurls() throws Exception {
    Path out = tmp.resolve("store/sbom/debian/13");
    StagedExport staged =
        new Exporter(EventListener.NONE).stage("debian/13", rootfs, out, ExportOptions.defaults());
    Manifest m =
        new Publisher().publish(staged, new ManifestExtras("debian/13", "h", "dev", null, null));
    SbomAssertions.assertSbom(out, m.packageCount(), "pkg:deb/debian/", "distro=debian-13");
    String sbom = Files.readString(out.resolve(ImageSet.SBOM));
    // dpkg's own copyright file is DEP-5: its GPL-2+ comes out as an SPDX id.
    assertThat(sbom).contains("\"id\" : \"GPL-2.0-or-later\"");
    assertThat(new ImageSetChecker().check(out).problems()).isEmpty();
  }

  @Test
  void tarStream_capturesTheDpkgDatabase_onTheWay() throws Exception {
    Process tar =
        new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", "-", ".")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path out = tmp.resolve("store/stream/debian/13");
    StagedExport staged;
    try (var in = tar.getInputStream()) {
      staged =
          new Exporter(EventListener.NONE).stage("debian/13", in, out, ExportOptions.defaults());
    }
    assertThat(tar.waitFor()).isZero();
    new Publisher().publish(staged, new ManifestExtras("debian/13", "h", "dev", null, null));
    String dpkgL = TestTrees.sh(rootfs, "chroot " + rootfs + " dpkg -l");
    assertThat(Files.readString(out.resolve(ImageSet.PACKAGES))).isEqualTo(dpkgL);
    // The stream's SBOM equals the directory's: same database, os-release and copyright files.
    Path dirOut = tmp.resolve("store/streamdir/debian/13");
    new Publisher()
        .publish(
            new Exporter(EventListener.NONE)
                .stage("debian/13", rootfs, dirOut, ExportOptions.defaults()),
            new ManifestExtras("debian/13", "h", "dev", null, null));
    assertThat(SbomAssertions.components(out)).isEqualTo(SbomAssertions.components(dirOut));
  }
}
