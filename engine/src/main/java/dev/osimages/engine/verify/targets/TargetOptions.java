package dev.osimages.engine.verify.targets;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a booted target runs: goss's retry timeout and sleep (the guest re-runs the probe until the
 * host has a passing round or the timeout ends), the boot timeout, VM size, accelerator and
 * hypervisor; and {@code scratch}, the directory a verification's work directory (overlay upper
 * dir, disk image, logs) is made in: the state directory's {@code tmp/} when a command holds one,
 * so that what an engine killed with SIGKILL left there is removed by the next engine that takes
 * the state lock; else {@code /var/tmp} (a disk image does not belong in a RAM-backed /tmp).
 */
public record TargetOptions(
    Duration retryTimeout,
    Duration sleep,
    Duration bootTimeout,
    int memoryMb,
    int cpus,
    Accel accel,
    Hypervisor hypervisor,
    Path scratch) {
  /** Where work directories go when no state directory is at hand. */
  public static final Path DEFAULT_SCRATCH = Path.of("/var/tmp");

  /**
   * How long a booted target may take to report its first results by default. A full image (kernel,
   * systemd, ssh) booted under TCG took 110 to 220 s on a loaded 2-core host, so a shorter default
   * fails images that are fine; a guest that hangs under KVM is caught after 20 s by {@link
   * KvmFallbackSession} whatever this says.
   */
  public static final Duration DEFAULT_BOOT_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Defaults: no retry, 1 s sleep (goss), 10 min boot timeout, 1024 MiB, 2 CPUs, auto, QEMU,
   * /var/tmp.
   */
  public static TargetOptions defaults() {
    return new TargetOptions(
        Duration.ZERO,
        Duration.ofSeconds(1),
        DEFAULT_BOOT_TIMEOUT,
        1024,
        2,
        Accel.AUTO,
        Hypervisor.QEMU,
        DEFAULT_SCRATCH);
  }

  /** These options with another boot timeout. */
  public TargetOptions withBootTimeout(Duration timeout) {
    return new TargetOptions(
        retryTimeout, sleep, timeout, memoryMb, cpus, accel, hypervisor, scratch);
  }

  /** These options with work directories made under {@code dir} (a state directory's tmp). */
  public TargetOptions withScratch(Path dir) {
    return new TargetOptions(
        retryTimeout, sleep, bootTimeout, memoryMb, cpus, accel, hypervisor, dir);
  }
}
