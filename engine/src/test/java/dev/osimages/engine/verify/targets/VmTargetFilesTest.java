package dev.osimages.engine.verify.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which kernel and initrd of an image the vm target boots. */
class VmTargetFilesTest {
  @TempDir Path rootfs;

  @Test
  void newest_isTheHighestVersion_amongRegularFiles() throws IOException {
    Path boot = Files.createDirectories(rootfs.resolve("boot"));
    Files.writeString(boot.resolve("vmlinuz-6.1.0-9-amd64"), "k");
    Files.writeString(boot.resolve("vmlinuz-6.1.0-10-amd64"), "k");
    Files.createSymbolicLink(boot.resolve("vmlinuz-9.9"), Path.of("/etc/passwd"));
    Files.createDirectories(boot.resolve("vmlinuz-dir"));
    assertThat(VmTarget.newest(rootfs, "vmlinuz-").getFileName().toString())
        .as("-10- is newer than -9-, though it sorts before it as text")
        .isEqualTo("vmlinuz-6.1.0-10-amd64");
  }

  @Test
  void versionOrder_comparesNumbersAsNumbers() {
    assertThat(VmTarget.versionOrder("6.1.0-10", "6.1.0-9")).isPositive();
    assertThat(VmTarget.versionOrder("6.12.1", "6.2.30")).isPositive();
    assertThat(VmTarget.versionOrder("6.1.0-9-amd64", "6.1.0-9-cloud-amd64")).isNegative();
    assertThat(VmTarget.versionOrder("6.1", "6.1.0")).isNegative();
    assertThat(VmTarget.versionOrder("6.1.0", "6.1.0")).isZero();
  }

  @Test
  void newest_neverFollowsALinkOutOfTheImage() throws IOException {
    Path boot = Files.createDirectories(rootfs.resolve("boot"));
    Files.createSymbolicLink(boot.resolve("initrd.img-6.1"), Path.of("/etc/hostname"));
    assertThatThrownBy(() -> VmTarget.newest(rootfs, "initrd.img-"))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("no initrd.img-* file: the image has no kernel or initrd");
  }

  @Test
  void anImageWithoutBoot_saysItHasNoKernel() {
    assertThatThrownBy(() -> VmTarget.newest(rootfs, "vmlinuz-"))
        .hasMessage(rootfs + ": no /boot directory: the image has no kernel to boot");
  }
}
