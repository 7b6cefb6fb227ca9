package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.ShippedTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job on one real cell: {@code engine run --matrix --only debian/13 --profile distro} on
 * the shipped declaration (CI reaches the distro archives only), as root, with the real bootstrap,
 * chroot builder, exporter and the test matrix's suites on the rootfs and vm targets, the
 * provisioned one included (provisioned in the image's chroot, then checked in a VM with NICs). The
 * store is a temporary copy's, so the repository stays clean; the build state directory is the
 * default one, so bootstraps are shared with other tests.
 */
class ShippedDebianRunIT {
  @TempDir Path dir;

  @BeforeAll
  static void root() {
    NeedsRoot.assume("the chroot backend, the rootfs target and the vm target's disk");
  }

  @Test
  void runOnlyDebian13_buildsExportsVerifiesAndPublishes() throws Exception {
    Path file = ShippedTree.copyTo(dir);
    Path json = dir.resolve("report.json");
    Cli r =
        Cli.run(
            "run",
            "--matrix",
            "--only",
            "debian/13",
            "--profile",
            "distro",
            "-q",
            "--report-json",
            json.toString(),
            "-f",
            file.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    Path set = dir.resolve("out/images/stable/debian/13");
    for (String f :
        new String[] {"img.tar.lz4", "img.tar.lz4.md5", "packages.txt", "manifest.json"}) {
      assertThat(set.resolve(f)).isRegularFile();
    }
    assertThat(Files.readString(set.resolve("packages.txt")))
        .contains("ii  systemd ", "ii  openssh-server ")
        .containsPattern("(?m)^ii  linux-image-\\S+-amd64 ");
    String report = Files.readString(json);
    assertThat(report).contains("\"id\": \"debian/13\"", "\"status\": \"ok\"");
    assertThat(r.out()).containsPattern("debian/13 +ok ");
    // Both targets of the test matrix ran: rootfs and vm; and the provisioned test: its prepare
    // step (the shipped provisioner in the image's chroot) before a VM of its own.
    assertThat(r.out())
        .contains("done verify rootfs", "done verify vm", "done verify prepare provisioned");
  }
}
