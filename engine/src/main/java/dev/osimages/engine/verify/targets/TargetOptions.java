package dev.osimages.engine.verify.targets;

import java.time.Duration;

/**
 * How a booted target runs: goss's retry timeout and sleep (the guest re-runs the probe until the
 * host has a passing round or the timeout ends), the boot timeout, VM size, accelerator and
 * hypervisor.
 */
public record TargetOptions(
    Duration retryTimeout,
    Duration sleep,
    Duration bootTimeout,
    int memoryMb,
    int cpus,
    Accel accel,
    Hypervisor hypervisor) {
  /**
   * How long a booted target may take to report its first results by default. A full image (kernel,
   * systemd, ssh) booted under TCG took 110 to 220 s on a loaded 2-core host, so a shorter default
   * fails images that are fine; a guest that hangs under KVM is caught after 20 s by {@link
   * KvmFallbackSession} whatever this says.
   */
  public static final Duration DEFAULT_BOOT_TIMEOUT = Duration.ofMinutes(10);

  /** Defaults: no retry, 1 s sleep (goss), 10 min boot timeout, 1024 MiB, 2 CPUs, auto, QEMU. */
  public static TargetOptions defaults() {
    return new TargetOptions(
        Duration.ZERO,
        Duration.ofSeconds(1),
        DEFAULT_BOOT_TIMEOUT,
        1024,
        2,
        Accel.AUTO,
        Hypervisor.QEMU);
  }

  /** These options with another boot timeout. */
  public TargetOptions withBootTimeout(Duration timeout) {
    return new TargetOptions(retryTimeout, sleep, timeout, memoryMb, cpus, accel, hypervisor);
  }
}
