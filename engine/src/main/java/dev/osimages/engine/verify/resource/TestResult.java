package dev.osimages.engine.verify.resource;

import dev.osimages.engine.verify.matcher.MatcherResult;
import java.time.Instant;
import java.util.Map;

/**
 * One test outcome, field for field goss's TestResult: result is 0 (pass), 1 (fail) or 2 (skip);
 * err is goss's error text (or null); skipReason is this engine's addition saying why a test was
 * skipped when the reason is not the suite's own (a runtime-only check on the rootfs target).
 */
public record TestResult(
    String resourceType,
    String resourceId,
    String property,
    String title,
    Map<String, Object> meta,
    int result,
    String err,
    MatcherResult matcherResult,
    Instant startTime,
    Instant endTime,
    String skipReason) {
  public static final int SUCCESS = 0;
  public static final int FAIL = 1;
  public static final int SKIP = 2;

  /** Whether goss counts this as successful (anything but a failure). */
  public boolean successful() {
    return result != FAIL;
  }

  /** Whether this test was skipped. */
  public boolean skipped() {
    return result == SKIP;
  }

  /** Duration in nanoseconds. */
  public long durationNanos() {
    return java.time.Duration.between(startTime, endTime).toNanos();
  }
}
