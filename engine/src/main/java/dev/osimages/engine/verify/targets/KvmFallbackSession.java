package dev.osimages.engine.verify.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A VM session started under KVM that falls back to TCG the moment QEMU reports a KVM failure ("KVM
 * internal error", an emulation failure), exits before the probe sent anything, or the guest kernel
 * has not printed its banner on the console within {@code silentLimit}. The last case is a stock
 * kernel that hangs silently right after the real-mode setup under a nested hypervisor (Debian 12's
 * 6.1 kernel here; Debian 13's 6.12 fails loudly instead); under a working KVM the banner comes
 * within a second or two. The check runs whenever the collector polls, so a working KVM costs no
 * wait at all.
 */
final class KvmFallbackSession implements TargetSession {
  /** The first line a Linux kernel prints ({@code pr_notice(linux_banner)} in start_kernel). */
  static final String KERNEL_BANNER = "Linux version ";

  private final FileSession session;
  private final Path hypervisorLog;
  private final FileSession.IoSupplier<ManagedProcess> tcg;
  private final long started = System.nanoTime();
  private final Duration silentLimit;
  private boolean kernelStarted;
  private boolean fellBack;

  KvmFallbackSession(
      FileSession session,
      Path hypervisorLog,
      FileSession.IoSupplier<ManagedProcess> tcg,
      Duration silentLimit) {
    this.session = session;
    this.hypervisorLog = hypervisorLog;
    this.tcg = tcg;
    this.silentLimit = silentLimit;
  }

  /** Whether the session was restarted under TCG. */
  boolean fellBack() {
    return fellBack;
  }

  @Override
  public String results() {
    checkKvm();
    return session.results();
  }

  @Override
  public boolean running() {
    checkKvm();
    return session.running();
  }

  @Override
  public String consoleLog() {
    return session.consoleLog();
  }

  private void checkKvm() {
    if (fellBack) {
      return;
    }
    try {
      String log = Files.exists(hypervisorLog) ? Files.readString(hypervisorLog) : "";
      boolean failed =
          log.contains("KVM internal error")
              || log.contains("emulation failure")
              || (!session.running() && session.results().isEmpty())
              || silentTooLong();
      if (failed) {
        fellBack = true;
        Files.writeString(hypervisorLog, "");
        session.restart(tcg);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("restarting the VM under TCG", e);
    }
  }

  private boolean silentTooLong() {
    if (kernelStarted) {
      return false;
    }
    kernelStarted = session.consoleLog().contains(KERNEL_BANNER);
    return !kernelStarted && System.nanoTime() - started > silentLimit.toNanos();
  }

  @Override
  public void close() {
    session.close();
  }
}
