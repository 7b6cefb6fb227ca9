package dev.osimages.engine.run;

import dev.osimages.engine.run.Scheduler.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one cell of a run ended, for the summary table and the JSON/JUnit reports: its status, a
 * one-line reason, stage durations, the tarball size, the verification counts per target, and for
 * an {@link Status#ERROR} the exception (an engine bug, printed with {@code --stacktrace}).
 */
public record CellReport(
    String id,
    Status status,
    String message,
    Duration build,
    Duration export,
    Duration verify,
    long tarballBytes,
    List<Checks> checks,
    Optional<Throwable> error) {

  /** Verification counts of one target. */
  public record Checks(String target, long tests, long failed, long skipped) {}

  public CellReport {
    checks = List.copyOf(checks);
  }

  /** The report of a cell the pipeline never reached (blocked, or failed in the scheduler). */
  public static CellReport of(String id, Scheduler.Outcome o) {
    return new CellReport(
        id,
        o.status(),
        o.message(),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        0,
        List.of(),
        o.error());
  }

  /** Counts summed over targets: tests, failed, skipped. */
  public long[] totals() {
    long[] t = new long[3];
    for (Checks c : checks) {
      t[0] += c.tests();
      t[1] += c.failed();
      t[2] += c.skipped();
    }
    return t;
  }
}
