package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.model.PackageManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rpm images cannot be bootstrapped here, so this builds the honest minimum: a tree whose rpm
 * database (sqlite, /var/lib/rpm) holds one package built with rpmbuild and registered with {@code
 * rpm --justdb}. It checks the plumbing (database location, --root, stream capture), not an
 * AlmaLinux image: the chroot path ({@code chroot ROOT rpm -qa}) is not exercised.
 */
class ExportRpmIT {
  @TempDir static Path tmp;
  static Path rootfs;

  @BeforeAll
  static void tree() throws Exception {
    rootfs = tmp.resolve("root");
    Files.createDirectories(rootfs.resolve("etc"));
    // As AlmaLinux ships it: /etc/os-release is a link into /usr/lib.
    TestTrees.write(
        rootfs, "usr/lib/os-release", "NAME=\"AlmaLinux\"\nID=\"almalinux\"\nVERSION_ID=\"9.5\"\n");
    Files.createSymbolicLink(rootfs.resolve("etc/os-release"), Path.of("../usr/lib/os-release"));
    TestTrees.write(
        tmp,
        "SPECS/hello.spec",
        "Name: hello-image\nVersion: 1.0\nRelease: 1\nSummary: t\nLicense: MIT\n"
            + "BuildArch: noarch\n%description\nt\n%files\n");
    TestTrees.sh(
        tmp,
        "rpmbuild --quiet --define '_topdir "
            + tmp
            + "' -bb SPECS/hello.spec"
            + " && rpm --root "
            + rootfs
            + " --dbpath /var/lib/rpm --initdb"
            + " && rpm --root "
            + rootfs
            + " --dbpath /var/lib/rpm -i --nodeps --justdb --noscripts"
            + " RPMS/noarch/hello-image-1.0-1.noarch.rpm 2>/dev/null");
  }

  private static ExportOptions rpm() {
    return ExportOptions.defaults().withPackageManager(PackageManager.RPM);
  }

  @Test
  void packagesTxt_isRpmQa_fromADirectory() throws Exception {
    Path out = tmp.resolve("store/alma/9");
    StagedExport s = new Exporter(EventListener.NONE).stage("alma/9", rootfs, out, rpm());
    assertThat(s.packageCount()).isEqualTo(1);
    new Publisher().publish(s, new ManifestExtras("alma/9", "", "dev", null, null));
    String expected =
        TestTrees.sh(rootfs, "rpm --root " + rootfs + " --dbpath /var/lib/rpm -qa 2>/dev/null");
    assertThat(Files.readString(out.resolve(ImageSet.PACKAGES)))
        .isEqualTo(expected)
        .isEqualTo("hello-image-1.0-1.noarch\n");
    SbomAssertions.assertSbom(
        out, 1, "pkg:rpm/almalinux/hello-image@1.0-1?", "distro=almalinux-9.5");
    assertThat(Files.readString(out.resolve(ImageSet.SBOM))).contains("\"id\" : \"MIT\"");
    assertThat(new ImageSetChecker().check(out).problems()).isEmpty();
  }

  @Test
  void packagesTxt_isRpmQa_fromATarStream() throws Exception {
    Process tar =
        new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", "-", ".")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path out = tmp.resolve("store/stream/alma/9");
    StagedExport s;
    try (var in = tar.getInputStream()) {
      s = new Exporter(EventListener.NONE).stage("alma/9", in, out, rpm());
    }
    assertThat(s.packageCount()).isEqualTo(1);
    try (var files = Files.list(s.stagingDir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(ImageSet.TARBALL, ImageSet.PACKAGES);
    }
    assertThat(s.inventory().packages()).hasSize(1);
    assertThat(s.inventory().os().distro()).isEqualTo("almalinux-9.5");
    assertThat(s.inventory().packages().get(0).licenses()).containsExactly("MIT");
    new Publisher().discard(s);
  }
}
