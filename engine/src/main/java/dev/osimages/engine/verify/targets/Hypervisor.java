package dev.osimages.engine.verify.targets;

/** Which hypervisor the vm target boots the image in. */
public enum Hypervisor {
  /** QEMU (qemu-system-x86_64), TCG or KVM. */
  QEMU("qemu", "qemu-system-x86_64"),
  /** cloud-hypervisor (KVM only). */
  CLOUD_HYPERVISOR("cloud-hypervisor", "cloud-hypervisor");

  private final String spelling;
  private final String program;

  Hypervisor(String spelling, String program) {
    this.spelling = spelling;
    this.program = program;
  }

  /** The executable that must be on PATH. */
  public String program() {
    return program;
  }

  /** The spelling on the command line: qemu, cloud-hypervisor. */
  @Override
  public String toString() {
    return spelling;
  }
}
