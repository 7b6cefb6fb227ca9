package dev.osimages.engine.verify;

import dev.osimages.engine.verify.resource.TestResult;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of verifying one cell on one target: every test result in goss's order, timing,
 * whether a retry timeout ran out, and the console log of a booted target (for failures).
 */
public record VerifyReport(
    String cell,
    String target,
    List<TestResult> results,
    Instant start,
    Instant end,
    boolean retryTimedOut,
    String consoleLog) {
  public VerifyReport {
    results = List.copyOf(results);
  }

  public long testCount() {
    return results.size();
  }

  public long failedCount() {
    return results.stream().filter(r -> r.result() == TestResult.FAIL).count();
  }

  public long skippedCount() {
    return results.stream().filter(TestResult::skipped).count();
  }

  /** goss's exit code: 0 pass, 1 fail, 3 when a retry timeout ran out while still failing. */
  public int exitCode() {
    if (failedCount() == 0) {
      return 0;
    }
    return retryTimedOut ? 3 : 1;
  }
}
