package dev.osimages.engine.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --boot-timeout}, one default for {@code verify} and {@code run}: that of {@link
 * dev.osimages.engine.verify.targets.TargetOptions#DEFAULT_BOOT_TIMEOUT}, which says why.
 */
final class BootTimeoutOption {
  @Option(
      names = "--boot-timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description =
          "Booted targets (boot, vm): fail when the system has not reported its first results"
              + " within this time, e.g. 600s, 10m or 600 (default: ${DEFAULT-VALUE}: a full image"
              + " booted in a VM under TCG on a busy 2-core host takes minutes). The rootfs target"
              + " uses it, at least 60s, as the limit for its probe.")
  Duration timeout;
}
