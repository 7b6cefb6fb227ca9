package dev.osimages.engine.verify.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A VM session started under KVM that falls back to TCG the moment QEMU reports a KVM failure ("KVM
 * internal error", an emulation failure) or exits before the probe sent anything. The check runs
 * whenever the collector polls, so a working KVM costs no wait at all.
 */
final class KvmFallbackSession implements TargetSession {
  private final FileSession session;
  private final Path hypervisorLog;
  private final FileSession.IoSupplier<ManagedProcess> tcg;
  private boolean fellBack;

  KvmFallbackSession(
      FileSession session, Path hypervisorLog, FileSession.IoSupplier<ManagedProcess> tcg) {
    this.session = session;
    this.hypervisorLog = hypervisorLog;
    this.tcg = tcg;
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
              || (!session.running() && session.results().isEmpty());
      if (failed) {
        fellBack = true;
        Files.writeString(hypervisorLog, "");
        session.restart(tcg);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("restarting the VM under TCG", e);
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
