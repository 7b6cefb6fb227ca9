package dev.osimages.engine.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.builder.DaemonImage.Edit;
import dev.osimages.engine.builder.DaemonImage.Kind;
import dev.osimages.engine.model.Hygiene;
import org.junit.jupiter.api.Test;

class DockerImageTracesTest {
  private final ImageTraces standard = new ImageTraces(Hygiene.declared(true));
  private final ImageTraces none = new ImageTraces(Hygiene.NONE);

  @Test
  void dockersEmptyPlaceholders_areDropped_evenWithoutHygiene() {
    for (String p :
        new String[] {
          "/.dockerenv", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/dev/console"
        }) {
      assertThat(none.edit(p, Kind.FILE, 0, "")).as(p).isEqualTo(Edit.DROP);
    }
    assertThat(none.edit("/etc/mtab", Kind.SYMLINK, 0, "/proc/mounts")).isEqualTo(Edit.DROP);
  }

  @Test
  void realContentAtThoseNames_isKept() {
    assertThat(none.edit("/etc/hosts", Kind.FILE, 120, "")).isEqualTo(Edit.KEEP);
    assertThat(none.edit("/dev/console", Kind.OTHER, 0, "")).isEqualTo(Edit.KEEP);
    assertThat(none.edit("/etc/mtab", Kind.SYMLINK, 0, "../proc/self/mounts")).isEqualTo(Edit.KEEP);
    assertThat(none.edit("/srv/etc/hosts", Kind.FILE, 0, "")).isEqualTo(Edit.KEEP);
  }

  @Test
  void hygiene_emptiesMachineId_dropsHostKeysAndAptCaches() {
    assertThat(standard.edit("/etc/machine-id", Kind.FILE, 33, "")).isEqualTo(Edit.EMPTY);
    assertThat(standard.edit("/etc/machine-id", Kind.FILE, 0, "")).isEqualTo(Edit.KEEP);
    assertThat(standard.edit("/var/lib/dbus/machine-id", Kind.FILE, 33, "")).isEqualTo(Edit.DROP);
    assertThat(standard.edit("/var/lib/dbus/machine-id", Kind.SYMLINK, 0, "/etc/machine-id"))
        .isEqualTo(Edit.KEEP);
    assertThat(standard.edit("/etc/ssh/ssh_host_ed25519_key", Kind.FILE, 9, ""))
        .isEqualTo(Edit.DROP);
    assertThat(standard.edit("/etc/ssh/sshd_config", Kind.FILE, 9, "")).isEqualTo(Edit.KEEP);
    assertThat(standard.edit("/var/lib/apt/lists/deb_dists_trixie_InRelease", Kind.FILE, 9, ""))
        .isEqualTo(Edit.DROP);
    assertThat(standard.edit("/var/lib/apt/lists/auxfiles", Kind.DIRECTORY, 0, ""))
        .isEqualTo(Edit.DROP);
    assertThat(standard.edit("/var/lib/apt/lists/lock", Kind.FILE, 0, "")).isEqualTo(Edit.KEEP);
    assertThat(standard.edit("/var/lib/apt/lists/partial", Kind.DIRECTORY, 0, ""))
        .isEqualTo(Edit.KEEP);
    assertThat(standard.edit("/var/lib/apt/lists/partial/x", Kind.FILE, 1, ""))
        .isEqualTo(Edit.DROP);
    assertThat(standard.edit("/var/cache/apt/pkgcache.bin", Kind.FILE, 1, "")).isEqualTo(Edit.DROP);
    assertThat(standard.edit("/var/cache/apt/archives/a_1_amd64.deb", Kind.FILE, 1, ""))
        .isEqualTo(Edit.DROP);
    assertThat(standard.edit("/var/cache/apt/archives/lock", Kind.FILE, 0, ""))
        .isEqualTo(Edit.KEEP);
  }

  @Test
  void withoutHygiene_imageContentIsKept() {
    assertThat(none.edit("/etc/machine-id", Kind.FILE, 33, "")).isEqualTo(Edit.KEEP);
    assertThat(none.edit("/var/lib/dbus/machine-id", Kind.FILE, 33, "")).isEqualTo(Edit.KEEP);
    assertThat(none.edit("/etc/ssh/ssh_host_rsa_key", Kind.FILE, 9, "")).isEqualTo(Edit.KEEP);
    assertThat(none.edit("/var/lib/apt/lists/x_InRelease", Kind.FILE, 9, "")).isEqualTo(Edit.KEEP);
  }
}
