package dev.osimages.engine.verify.report;

import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.resource.TestResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * goss's documentation format (a line per test, headers per resource) and rspecish format (a dot, F
 * or S per test); both end with the grouped Failures/Skipped section, the total duration and the
 * count line.
 */
final class TextReporter implements Reporter {
  private final boolean documentation;

  TextReporter(boolean documentation) {
    this.documentation = documentation;
  }

  @Override
  public String render(VerifyReport report) {
    StringBuilder b = new StringBuilder();
    List<List<TestResult>> failedOrSkipped = new ArrayList<>();
    for (List<TestResult> group : Groups.byResource(report.results())) {
      if (documentation) {
        b.append(SummaryLines.header(group.get(0)));
      }
      List<TestResult> bad = new ArrayList<>();
      for (TestResult t : group) {
        if (documentation) {
          b.append(SummaryLines.line(t, false)).append('\n');
        } else {
          b.append(t.result() == TestResult.SUCCESS ? "." : t.skipped() ? "S" : "F");
        }
        if (t.result() != TestResult.SUCCESS) {
          bad.add(t);
        }
      }
      if (!bad.isEmpty()) {
        failedOrSkipped.add(bad);
      }
    }
    b.append("\n\n");
    if (!failedOrSkipped.isEmpty()) {
      b.append("Failures/Skipped:\n\n");
      failedOrSkipped.sort(
          Comparator.comparing(g -> g.get(0).resourceType() + ":" + g.get(0).resourceId()));
      for (List<TestResult> g : failedOrSkipped) {
        b.append(SummaryLines.header(g.get(0)));
        g.forEach(t -> b.append(SummaryLines.line(t, false)).append('\n'));
        b.append('\n');
      }
    }
    b.append(String.format("Total Duration: %.3fs\n", Groups.seconds(report)));
    b.append(
        String.format(
            "Count: %d, Failed: %d, Skipped: %d\n",
            report.testCount(), report.failedCount(), report.skippedCount()));
    return b.toString();
  }
}
