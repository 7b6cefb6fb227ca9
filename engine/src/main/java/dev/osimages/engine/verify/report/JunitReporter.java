package dev.osimages.engine.verify.report;

import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.resource.TestResult;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** goss's junit format: one testsuite "goss", a testcase per test. */
final class JunitReporter implements Reporter {
  @Override
  public String render(VerifyReport report) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    String ts =
        OffsetDateTime.ofInstant(report.end(), ZoneOffset.UTC)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    b.append(
        String.format(
            "<testsuite name=\"goss\" errors=\"0\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" time=\"%.3f\" timestamp=\"%s\">\n",
            report.testCount(),
            report.failedCount(),
            report.skippedCount(),
            Groups.seconds(report),
            ts));
    for (TestResult t : report.results()) {
      String name =
          t.title().isEmpty()
              ? t.resourceType() + " " + t.resourceId() + " " + t.property()
              : t.title();
      b.append(
          String.format(
              "<testcase name=\"%s\" time=\"%.3f\">\n", escape(name), t.durationNanos() / 1e9));
      String line = escape(SummaryLines.line(t, true));
      if (t.result() == TestResult.FAIL) {
        b.append("<system-err>").append(line).append("</system-err>\n");
        b.append("<failure>").append(line).append("</failure>\n</testcase>\n");
      } else {
        if (t.skipped()) {
          b.append("<skipped/>");
        }
        b.append("<system-out>").append(line).append("</system-out>\n</testcase>\n");
      }
    }
    return b.append("</testsuite>\n").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
