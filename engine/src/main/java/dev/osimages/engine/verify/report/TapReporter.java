package dev.osimages.engine.verify.report;

import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.resource.TestResult;

/** goss's tap format: the plan line, then "ok N - ..." / "not ok N - ..." / "ok N - # SKIP ...". */
final class TapReporter implements Reporter {
  @Override
  public String render(VerifyReport report) {
    StringBuilder b = new StringBuilder("1.." + report.testCount() + "\n");
    int n = 0;
    for (TestResult t : report.results()) {
      n++;
      String line = SummaryLines.line(t, true);
      switch (t.result()) {
        case TestResult.SUCCESS -> b.append("ok ").append(n).append(" - ").append(line);
        case TestResult.SKIP -> b.append("ok ").append(n).append(" - # SKIP ").append(line);
        default -> b.append("not ok ").append(n).append(" - ").append(line);
      }
      b.append('\n');
    }
    return b.toString();
  }
}
