package dev.osimages.engine.verify.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.matcher.MatcherResult;
import dev.osimages.engine.verify.resource.TestResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static TestResult result(String id, String prop, int result, MatcherResult m) {
    return new TestResult("File", id, prop, "", null, result, null, m, T0, T0.plusMillis(2), null);
  }

  private static VerifyReport report() {
    return new VerifyReport(
        "debian/13",
        "rootfs",
        List.of(
            result("/etc/passwd", "exists", 0, MatcherResult.pass(true, true)),
            result("/etc/passwd", "mode", 1, MatcherResult.of("0600", "to equal", "0644")),
            result("/etc/x", "exists", 2, MatcherResult.of(null, "", null))),
        T0,
        T0.plusMillis(1500),
        false,
        "");
  }

  @Test
  void json_hasGossFieldNamesAndSummary() {
    String json = ReportFormat.JSON.reporter().render(report());
    assertThat(json)
        .contains(
            "\"resource-type\":\"File\"",
            "\"resource-id\":\"/etc/passwd\"",
            "\"property\":\"exists\"")
        .contains("\"summary-line\":\"File: /etc/passwd: exists: matches expectation: true\"")
        .contains("\"duration\":2000000", "\"successful\":false", "\"result\":2")
        .contains(
            "\"summary\":{\"failed-count\":1,\"skipped-count\":1,\"summary-line\":\"Count: 3, Failed: 1, Skipped: 1, Duration: 1.500s\",\"test-count\":3,\"total-duration\":1500000000}");
  }

  /** goss marshals its results with encoding/json, whose floats are not %v's (1e+06). */
  @Test
  void json_spellsFloatsAsGosEncoder_inFieldsAndSummaryLines() {
    VerifyReport floats =
        new VerifyReport(
            "c/1",
            "rootfs",
            List.of(result("/x", "size", 1, MatcherResult.of(1e6, "to equal", 1e-7))),
            T0,
            T0.plusMillis(1),
            false,
            "");
    String json = ReportFormat.JSON.reporter().render(floats);
    assertThat(json)
        .contains("\"actual\":1000000", "\"expected\":1e-7")
        .contains("\"summary-line-compact\":\"File: /x: size: Expected 1000000 to equal 1e-7\"")
        .doesNotContain("1e+06");
  }

  @Test
  void documentation_listsFailuresAndCounts() {
    String doc = ReportFormat.DOCUMENTATION.reporter().render(report());
    assertThat(doc)
        .startsWith(
            "File: /etc/passwd: exists: matches expectation: true\nFile: /etc/passwd: mode:\nExpected\n    \"0600\"\nto equal\n    \"0644\"\n")
        .contains("\n\nFailures/Skipped:\n\n")
        .endsWith("Total Duration: 1.500s\nCount: 3, Failed: 1, Skipped: 1\n");
  }

  @Test
  void rspecish_dotsThenSummary() {
    assertThat(ReportFormat.RSPECISH.reporter().render(report())).startsWith(".FS\n\n");
  }

  @Test
  void tap_and_junit() {
    assertThat(ReportFormat.TAP.reporter().render(report()))
        .isEqualTo(
            "1..3\nok 1 - File: /etc/passwd: exists: matches expectation: true\n"
                + "not ok 2 - File: /etc/passwd: mode: Expected \"0600\" to equal \"0644\"\n"
                + "ok 3 - # SKIP File: /etc/x: exists: skipped\n");
    assertThat(ReportFormat.JUNIT.reporter().render(report()))
        .contains(
            "<testsuite name=\"goss\" errors=\"0\" tests=\"3\" failures=\"1\" skipped=\"1\" time=\"1.500\"")
        .contains("<testcase name=\"File /etc/passwd mode\" time=\"0.002\">\n<system-err>")
        .contains("<skipped/><system-out>");
  }

  @Test
  void exitCodes_asGoss() {
    assertThat(report().exitCode()).isEqualTo(1);
    VerifyReport timedOut = new VerifyReport("", "boot", report().results(), T0, T0, true, "");
    assertThat(timedOut.exitCode()).isEqualTo(3);
  }
}
