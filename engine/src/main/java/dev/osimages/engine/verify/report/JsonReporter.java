package dev.osimages.engine.verify.report;

import dev.osimages.engine.json.JsonWriter;
import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.matcher.GoValues;
import dev.osimages.engine.verify.matcher.MatcherResult;
import dev.osimages.engine.verify.resource.TestResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** goss's json format: results (goss's TestResult fields) and a summary with counts. */
final class JsonReporter implements Reporter {
  @Override
  public String render(VerifyReport report) {
    List<Object> results = new ArrayList<>();
    for (TestResult t : report.results()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("duration", t.durationNanos());
      m.put("start-time", t.startTime().toString());
      m.put("end-time", t.endTime().toString());
      m.put("err", t.err());
      m.put("matcher-result", matcher(t.matcherResult()));
      m.put("meta", t.meta());
      m.put("property", t.property());
      m.put("resource-id", t.resourceId());
      m.put("resource-type", t.resourceType());
      m.put("result", t.result());
      m.put("skipped", t.skipped());
      m.put("successful", t.successful());
      m.put("summary-line", SummaryLines.line(t, false));
      m.put("summary-line-compact", SummaryLines.line(t, true));
      m.put("title", t.title());
      if (t.skipReason() != null) {
        m.put("skip-reason", t.skipReason());
      }
      results.add(m);
    }
    long ns = Duration.between(report.start(), report.end()).toNanos();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("test-count", report.testCount());
    summary.put("failed-count", report.failedCount());
    summary.put("skipped-count", report.skippedCount());
    summary.put("total-duration", ns);
    summary.put(
        "summary-line",
        String.format(
            "Count: %d, Failed: %d, Skipped: %d, Duration: %.3fs",
            report.testCount(), report.failedCount(), report.skippedCount(), ns / 1e9));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("results", results);
    out.put("summary", summary);
    // json.Marshal's HTML escaping, as goss's json format prints.
    return JsonWriter.go(true, GoValues::jsonFloat).write(out) + "\n";
  }

  private static Map<String, Object> matcher(MatcherResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("actual", r.actual());
    m.put("expected", r.expected());
    m.put("extra-elements", r.extraElements());
    m.put("found-elements", r.foundElements());
    m.put("message", r.message());
    m.put("missing-elements", r.missingElements());
    m.put(
        "transform-chain",
        r.transformChain().isEmpty()
            ? null
            : r.transformChain().stream().map(t -> (Object) Map.of(t, Map.of())).toList());
    m.put("untransformed-value", r.untransformedValue());
    return m;
  }
}
