package dev.osimages.engine.verify.targets;

import java.time.Duration;

/**
 * How a booted target runs: goss's retry timeout and sleep (the guest re-runs the probe until the
 * host has a passing round or the timeout ends), the boot timeout, VM size, accelerator ("tcg",
 * "kvm") and hypervisor ("qemu", "cloud-hypervisor").
 */
public record TargetOptions(
    Duration retryTimeout,
    Duration sleep,
    Duration bootTimeout,
    int memoryMb,
    int cpus,
    String accel,
    String hypervisor) {
  /** Defaults: no retry, 1 s sleep (goss), 120 s boot timeout, 1024 MiB, 2 CPUs, auto, QEMU. */
  public static TargetOptions defaults() {
    return new TargetOptions(
        Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(120), 1024, 2, "auto", "qemu");
  }
}
