package dev.osimages.engine.verify.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hypervisor command lines of the vm target, and how it picks its accelerator. */
class VmCommandTest {
  private static final Path K = Path.of("/w/vmlinuz");
  private static final Path I = Path.of("/w/initrd.img");
  private static final Path D = Path.of("/w/disk.raw");
  private static final Path C = Path.of("/w/console.log");
  private static final Path R = Path.of("/w/results.log");

  private static TargetOptions options(Accel accel, Hypervisor hv) {
    return new TargetOptions(
        Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1), 2048, 4, accel, hv);
  }

  @Test
  void qemu_underTcg_bootsTheImagesKernel_withTheConsoleAndResultsOnTwoSerialPorts() {
    List<String> cmd =
        VmCommand.build(options(Accel.TCG, Hypervisor.QEMU), Accel.TCG, K, I, D, C, R, List.of());
    assertThat(cmd)
        .containsSubsequence("qemu-system-x86_64", "-nodefaults", "-no-reboot")
        .containsSubsequence("-m", "2048", "-smp", "4")
        .containsSubsequence("-accel", "tcg,thread=single", "-cpu", "Nehalem")
        .containsSubsequence("-kernel", "/w/vmlinuz", "-initrd", "/w/initrd.img")
        .containsSubsequence("-drive", "file=/w/disk.raw,format=raw,if=virtio")
        .containsSubsequence("-serial", "file:/w/console.log", "-serial", "file:/w/results.log")
        .doesNotContain("-netdev");
    String append = cmd.get(cmd.indexOf("-append") + 1);
    assertThat(append).contains("root=/dev/vda", "console=ttyS0", "loglevel=6", "panic=-1");
  }

  @Test
  void qemu_nics_eachOnItsOwnRestrictedUserNetwork_withTheDeclaredMac() {
    List<String> cmd =
        VmCommand.build(
            options(Accel.TCG, Hypervisor.QEMU),
            Accel.TCG,
            K,
            I,
            D,
            C,
            R,
            List.of("00:03:00:11:11:01", "00:03:00:11:12:01"));
    assertThat(cmd)
        .containsSubsequence(
            "-netdev",
            "user,id=nic0,restrict=on",
            "-device",
            "virtio-net-pci,netdev=nic0,mac=00:03:00:11:11:01",
            "-netdev",
            "user,id=nic1,restrict=on",
            "-device",
            "virtio-net-pci,netdev=nic1,mac=00:03:00:11:12:01");
  }

  @Test
  void qemu_underKvm_keepsTheDefaultCpuModel() {
    List<String> cmd =
        VmCommand.build(options(Accel.AUTO, Hypervisor.QEMU), Accel.KVM, K, I, D, C, R, List.of());
    assertThat(cmd).containsSubsequence("-accel", "kvm").doesNotContain("-cpu", "host");
  }

  @Test
  void cloudHypervisor_putsTheConsoleOnHvc0_andResultsOnItsOneSerialPort() {
    List<String> cmd =
        VmCommand.build(
            options(Accel.AUTO, Hypervisor.CLOUD_HYPERVISOR), Accel.TCG, K, I, D, C, R, List.of());
    assertThat(cmd.get(0)).isEqualTo("cloud-hypervisor");
    assertThat(cmd)
        .containsSubsequence("--kernel", "/w/vmlinuz", "--initramfs", "/w/initrd.img")
        .containsSubsequence("--disk", "path=/w/disk.raw")
        .containsSubsequence("--cpus", "boot=4", "--memory", "size=2048M")
        .containsSubsequence("--console", "file=/w/console.log", "--serial", "file=/w/results.log");
    assertThat(cmd.get(cmd.indexOf("--cmdline") + 1))
        .contains("console=hvc0")
        .doesNotContain("ttyS0");
  }

  @Test
  void accel_auto_triesKvmOnlyWithQemuAndAnOpenableDevKvm_andThenFallsBack() {
    TargetOptions auto = options(Accel.AUTO, Hypervisor.QEMU);
    assertThat(VmTarget.firstAccel(auto, true)).isEqualTo(Accel.KVM);
    assertThat(VmTarget.fallsBackToTcg(auto, Accel.KVM)).isTrue();
    assertThat(VmTarget.firstAccel(auto, false)).isEqualTo(Accel.TCG);
    assertThat(VmTarget.fallsBackToTcg(auto, Accel.TCG)).isFalse();
    TargetOptions ch = options(Accel.AUTO, Hypervisor.CLOUD_HYPERVISOR);
    assertThat(VmTarget.firstAccel(ch, true)).isEqualTo(Accel.TCG);
  }

  @Test
  void accel_asked_isWhatRuns_withoutFallback() {
    TargetOptions kvm = options(Accel.KVM, Hypervisor.QEMU);
    assertThat(VmTarget.firstAccel(kvm, false)).isEqualTo(Accel.KVM);
    assertThat(VmTarget.fallsBackToTcg(kvm, Accel.KVM)).isFalse();
    assertThat(VmTarget.firstAccel(options(Accel.TCG, Hypervisor.QEMU), true)).isEqualTo(Accel.TCG);
  }

  @Test
  void disk_isAThirdLargerThanTheImage_plus256MiB() {
    assertThat(VmTarget.diskMegabytes(0)).isEqualTo(256);
    assertThat(VmTarget.diskMegabytes(600L << 20)).isEqualTo(600 + 200 + 256);
  }
}
