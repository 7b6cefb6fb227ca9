package dev.osimages.engine.run;

import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.model.TestAssignment;
import dev.osimages.engine.verify.Suite;
import dev.osimages.engine.verify.Verifier;
import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.VerifyRequest;
import dev.osimages.engine.verify.report.SummaryLines;
import dev.osimages.engine.verify.resource.TestResult;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Verifies a built cell as the test matrix says: for each target, every suite assigned to the cell
 * on that target runs in one verification (one boot per target). A failed check, a load error or a
 * target that cannot start fails the cell; nothing is ignored.
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

  /** The suites of {@code cell} grouped by target, in the order targets are declared. */
  public Map<TargetKind, List<Suite>> suitesByTarget(Cell cell) {
    Map<TargetKind, List<Suite>> out = new LinkedHashMap<>();
    for (TestAssignment t : cell.tests()) {
      List<TargetKind> targets = override.map(List::of).orElse(t.targets());
      for (TargetKind k : targets) {
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(new Suite(t.gossfile(), t.vars()));
      }
    }
    return out;
  }

  /** Runs every target's suites against {@code rootfs}. */
  public Result verify(Cell cell, Path rootfs) {
    Map<TargetKind, List<Suite>> byTarget = suitesByTarget(cell);
    List<CellReport.Checks> checks = new ArrayList<>();
    Duration took = Duration.ZERO;
    List<String> failures = new ArrayList<>();
    for (Map.Entry<TargetKind, List<Suite>> e : byTarget.entrySet()) {
      String target = e.getKey().yamlName();
      VerifyReport r =
          verifier.verify(
              new VerifyRequest(cell.id(), rootfs, e.getValue(), e.getKey(), targetOptions),
              events);
      took = took.plus(Duration.between(r.start(), r.end()));
      checks.add(new CellReport.Checks(target, r.testCount(), r.failedCount(), r.skippedCount()));
      if (r.exitCode() != 0) {
        failures.add(describe(target, r));
      }
    }
    if (byTarget.isEmpty()) {
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
