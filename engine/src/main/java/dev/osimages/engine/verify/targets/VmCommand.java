package dev.osimages.engine.verify.targets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hypervisor command line for the vm target: QEMU, or cloud-hypervisor when asked. {@code
 * accel} is KVM or TCG (AUTO is decided by the caller); cloud-hypervisor always runs on KVM.
 */
final class VmCommand {
  // loglevel=6 rather than quiet: the console then shows notices, the kernel banner among them,
  // which is how a guest that hangs silently under KVM is told from one that boots.
  private static final String CMDLINE =
      "root=/dev/vda rw console=ttyS0 loglevel=6 panic=-1 systemd.show_status=0 net.ifnames=0";

  private VmCommand() {}

  static List<String> build(
      TargetOptions o,
      Accel accel,
      Path kernel,
      Path initrd,
      Path disk,
      Path console,
      Path results) {
    if (o.hypervisor() == Hypervisor.CLOUD_HYPERVISOR) {
      // cloud-hypervisor has one serial port: the console goes to virtio-console (hvc0).
      return List.of(
          "cloud-hypervisor",
          "--kernel",
          kernel.toString(),
          "--initramfs",
          initrd.toString(),
          "--cmdline",
          CMDLINE.replace("console=ttyS0", "console=hvc0"),
          "--disk",
          "path=" + disk,
          "--cpus",
          "boot=" + o.cpus(),
          "--memory",
          "size=" + o.memoryMb() + "M",
          "--console",
          "file=" + console,
          "--serial",
          "file=" + results);
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "qemu-system-x86_64",
                "-nodefaults",
                "-no-reboot",
                "-display",
                "none",
                "-m",
                Integer.toString(o.memoryMb()),
                "-smp",
                Integer.toString(o.cpus())));
    if (accel == Accel.KVM) {
      // default CPU model: "-cpu host" aborts on this host's nested KVM (MSR 0x10a)
      cmd.addAll(List.of("-accel", "kvm"));
    } else {
      cmd.addAll(List.of("-accel", "tcg,thread=multi"));
    }
    cmd.addAll(
        List.of(
            "-kernel",
            kernel.toString(),
            "-initrd",
            initrd.toString(),
            "-append",
            CMDLINE,
            "-drive",
            "file=" + disk + ",format=raw,if=virtio",
            "-serial",
            "file:" + console,
            "-serial",
            "file:" + results));
    return cmd;
  }
}
