package dev.osimages.engine.verify.targets;

import java.util.Locale;

/** How the vm target's hypervisor runs the guest's CPU. */
public enum Accel {
  /**
   * KVM when /dev/kvm opens, restarted under TCG as soon as the guest fails under it (see {@link
   * KvmFallbackSession}); TCG when KVM cannot be opened.
   */
  AUTO,
  /** Hardware virtualisation only. */
  KVM,
  /** QEMU's emulation only: slow, but runs any kernel on any host. */
  TCG;

  /** The spelling on the command line: auto, kvm, tcg. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
