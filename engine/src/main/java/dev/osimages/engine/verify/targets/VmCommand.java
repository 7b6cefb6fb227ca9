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
      Path results,
      List<String> nics) {
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
      // Nehalem: QEMU's default model (qemu64) lacks SSSE3 and SSE4, which the machines these
      // images run on have and some of their programs need (suricata --build-info dies with
      // SIGILL on qemu64). Not "max": it turns on 5-level paging and protection keys, and a
      // Debian 13 guest panicked in a timer interrupt while booting with them under TCG.
      // thread=single: with one host thread per vCPU (thread=multi) a guest CPU can run stale
      // translated code while another patches kernel text, and the CI run's Debian 13 guest died
      // in "Oops: int3" (set_next_task_fair) halfway through its boot. One thread running the
      // vCPUs in turn sees every code change at once; the guest still has -smp CPUs.
      cmd.addAll(List.of("-accel", "tcg,thread=single", "-cpu", "Nehalem"));
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
    // Each NIC on its own user-mode network with restrict=on: the guest reaches neither the host
    // nor anything beyond it; only the links themselves (and their MAC addresses) are real.
    for (int i = 0; i < nics.size(); i++) {
      cmd.addAll(
          List.of(
              "-netdev",
              "user,id=nic" + i + ",restrict=on",
              "-device",
              "virtio-net-pci,netdev=nic" + i + ",mac=" + nics.get(i)));
    }
    return cmd;
  }
}
