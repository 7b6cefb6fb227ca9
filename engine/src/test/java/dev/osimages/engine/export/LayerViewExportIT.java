package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.host.LayerView;
import dev.osimages.engine.model.PackageManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build's result is exported from a read-only overlay view of its layers instead of a flattened
 * copy: the tarball must be byte for byte what the copy gave ({@code cp -a} of the same merged
 * view, as the engine did before), for a stack with whiteouts, an opaque directory, hard links that
 * an upper layer broke and made, owners, modes, device nodes and file capabilities (needs root).
 */
class LayerViewExportIT {
  @TempDir static Path tmp;
  static List<Path> layers;

  @BeforeAll
  static void stack() throws Exception {
    Path l0 = Files.createDirectories(tmp.resolve("layers/0"));
    TestTrees.build(l0);
    Path l1 = Files.createDirectories(tmp.resolve("layers/1"));
    TestTrees.sh(
        l1,
        String.join(
            " && ",
            "mkdir -p usr/lib usr/bin etc var/spool",
            "mknod usr/lib/empty c 0 0", // whiteout of a file
            "setfattr -n user.overlay.opaque -v y var/spool", // hides the fifo and the socket
            "echo fresh > var/spool/new",
            "echo changed > usr/bin/b", // copied up: leaves the a/c hard-link group
            "echo linked > etc/x && ln etc/x etc/y", // a hard-link group of the upper layer
            "echo capped > etc/capped && setcap cap_net_bind_service+ep etc/capped",
            "echo owned > etc/owned && chown 1234:5678 etc/owned && chmod 0604 etc/owned",
            "mknod etc/tty c 5 0"));
    Path l2 = Files.createDirectories(tmp.resolve("layers/2"));
    TestTrees.sh(
        l2,
        String.join(
            " && ",
            "mkdir -p usr/share bin",
            "mknod usr/share/" + TestTrees.LONG_DIR.split("/")[2] + " c 0 0", // whiteout of a dir
            "printf '#!/bin/sh\\n' > bin/su && chmod 4700 bin/su", // copied up with a new mode
            "touch -d @1600000000 bin/su"));
    layers = List.of(l0, l1, l2);
  }

  @Test
  void viewOfLayers_exportsByteIdenticalToTheFlattenedCopy() throws Exception {
    Path flat = Files.createDirectories(tmp.resolve("flat"));
    Path mnt = Files.createDirectories(tmp.resolve("mnt"));
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    // What the engine did before: the same overlay, mounted privately, copied with cp -a.
    TestTrees.sh(
        tmp,
        "unshare --mount --propagation private sh -c 'mount -t overlay overlay -o"
            + " ro,userxattr,lowerdir=layers/2:layers/1:layers/0:empty mnt && cp -a mnt/. flat/'");
    String before = export(flat, "before");

    String after;
    Path mountPoint;
    try (LayerView view = LayerView.open(layers, tmp.resolve("state-tmp"))) {
      mountPoint = view.root();
      assertThat(mountPoint).isNotIn(layers);
      after = export(view.root(), "after");
    }
    assertThat(after).isEqualTo(before);
    assertThat(mountPoint).doesNotExist();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(tmp.toString());

    // Not equal by accident: the tarball shows every layer rule.
    String listing =
        TestTrees.sh(
            tmp.resolve("store/after/x/1"),
            "lz4 -dc img.tar.lz4 | tar --xattrs --xattrs-include='*' --numeric-owner -tvvf -");
    assertThat(listing).contains("./usr/bin/c link to ./usr/bin/a");
    assertThat(listing).doesNotContain("./usr/bin/b link to");
    assertThat(listing).contains("./etc/y link to ./etc/x");
    assertThat(listing).contains("1234/5678").contains("./etc/owned");
    assertThat(listing).contains("-rws------  0/0").doesNotContain("usr/lib/empty");
    assertThat(listing).contains("./var/spool/new").doesNotContain("var/spool/fifo");
    assertThat(listing).doesNotContain("./usr/share/a-rather").contains("./etc/tty");
    assertThat(listing).doesNotContain("overlay.opaque");
    Path out = Files.createDirectories(tmp.resolve("unpacked"));
    TestTrees.sh(
        out,
        "lz4 -dc "
            + tmp.resolve("store/after/x/1/img.tar.lz4")
            + " | tar --xattrs --xattrs-include='*' --numeric-owner -xpf -");
    assertThat(TestTrees.sh(out, "getcap etc/capped usr/bin/ping"))
        .contains("etc/capped cap_net_bind_service=ep")
        .contains("usr/bin/ping cap_setuid,cap_net_raw=ep");
  }

  private static String export(Path rootfs, String name) throws Exception {
    ExportOptions o =
        ExportOptions.defaults()
            .withPackageManager(PackageManager.NONE)
            .withSourceDateEpoch(OptionalLong.of(1700000000L))
            .withThreads(2);
    Path target = tmp.resolve("store/" + name + "/x/1");
    StagedExport staged = new Exporter(EventListener.NONE).stage("x/1", rootfs, target, o);
    new Publisher().publish(staged, new ManifestExtras("x/1", "abc", "dev", null, null));
    return Files.readString(target.resolve(ImageSet.MD5)).split(" ")[0];
  }
}
