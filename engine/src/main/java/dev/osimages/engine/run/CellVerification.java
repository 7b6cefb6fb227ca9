package dev.osimages.engine.run;

import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.verify.Verifier;
import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.report.SummaryLines;
import dev.osimages.engine.verify.resource.TestResult;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Verifies a built cell as the test matrix says ({@link TestRuns}): for each target, the suites
 * that need only the image run in one verification (one boot per target); a suite with a
 * provisioning step or NICs gets a verification of its own. A failed check, a failed provisioning,
 * a load error or a target that cannot start fails the cell; nothing is ignored.
 */
public final class CellVerification {
  /** The verification of one cell over all its targets. */
  public record Result(boolean ok, String summary, Duration took, List<CellReport.Checks> checks) {}

  private final Verifier verifier;
  private final Optional<TargetKind> override;
  private final TargetOptions targetOptions;
  private final EventListener events;

  /**
   * @param override {@code --target}: run every assigned suite on this target instead
   */
  public CellVerification(
      Verifier verifier,
      Optional<TargetKind> override,
      TargetOptions targetOptions,
      EventListener events) {
    this.verifier = verifier;
    this.override = override;
    this.targetOptions = targetOptions;
    this.events = events;
  }

  /** Runs every verification of the cell's test matrix against {@code rootfs}. */
  public Result verify(Cell cell, Path rootfs) {
    List<TestRuns.TestRun> runs = TestRuns.of(cell, override);
    List<CellReport.Checks> checks = new ArrayList<>();
    Duration took = Duration.ZERO;
    List<String> failures = new ArrayList<>();
    for (TestRuns.TestRun run : runs) {
      String target = run.target().yamlName();
      VerifyReport r =
          verifier.verify(run.request(cell.id(), rootfs, targetOptions, Map.of()), events);
      took = took.plus(Duration.between(r.start(), r.end()));
      checks.add(new CellReport.Checks(target, r.testCount(), r.failedCount(), r.skippedCount()));
      if (r.exitCode() != 0) {
        failures.add(describe(run.label(), r));
      }
    }
    if (runs.isEmpty()) {
      return new Result(true, "no suite assigned by the test matrix", took, checks);
    }
    return failures.isEmpty()
        ? new Result(true, "verified", took, checks)
        : new Result(false, cell.id() + ": verify: " + String.join("; ", failures), took, checks);
  }

  private static String describe(String target, VerifyReport r) {
    String first =
        r.results().stream()
            .filter(x -> x.result() == TestResult.FAIL)
            .limit(3)
            .map(x -> SummaryLines.line(x, true))
            .collect(Collectors.joining(" | "));
    return target
        + ": "
        + r.failedCount()
        + " of "
        + r.testCount()
        + " checks failed"
        + (r.retryTimedOut() ? " (retry timeout)" : "")
        + (first.isEmpty() ? "" : ": " + first);
  }
}
