package dev.osimages.engine.cli;

import dev.osimages.engine.json.JsonWriter;
import dev.osimages.engine.run.CellReport;
import dev.osimages.engine.run.Scheduler.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's outcome as files for CI: a JUnit XML suite and a JSON document, one entry a cell. */
final class RunReports {
  private RunReports() {}

  /** JUnit XML: a test case per cell; failed and blocked cells carry a failure. */
  static String junit(List<CellReport> cells) {
    long errors = cells.stream().filter(c -> c.status() == Status.ERROR).count();
    long failures = cells.stream().filter(c -> !succeeded(c)).count() - errors;
    double total = cells.stream().mapToDouble(RunReports::seconds).sum();
    StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.append(
        String.format(
            Locale.ROOT,
            "<testsuite name=\"engine run\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\" time=\"%.3f\">%n",
            cells.size(),
            failures,
            errors,
            total));
    for (CellReport c : cells) {
      s.append(
          String.format(
              Locale.ROOT,
              "  <testcase classname=\"images\" name=\"%s\" time=\"%.3f\">",
              xml(c.id()),
              seconds(c)));
      if (!succeeded(c)) {
        // JUnit's distinction: a failure is the image's, an error the engine's (a bug).
        String element = c.status() == Status.ERROR ? "error" : "failure";
        s.append("\n    <" + element + " message=\"")
            .append(xml(c.status().name().toLowerCase(Locale.ROOT)))
            .append("\">")
            .append(xml(c.message()))
            .append("</" + element + ">\n  ");
      } else {
        s.append("<system-out>").append(xml(c.message())).append("</system-out>");
      }
      s.append("</testcase>\n");
    }
    return s.append("</testsuite>\n").toString();
  }

  /** JSON: {@code {"cells":[...],"summary":{...}}}. */
  static String json(List<CellReport> cells) {
    List<Object> list =
        cells.stream()
            .map(
                c -> {
                  long[] t = c.totals();
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", c.id());
                  m.put("status", c.status().name().toLowerCase(Locale.ROOT));
                  m.put("message", c.message());
                  m.put("buildSeconds", c.build().toMillis() / 1000.0);
                  m.put("exportSeconds", c.export().toMillis() / 1000.0);
                  m.put("verifySeconds", c.verify().toMillis() / 1000.0);
                  m.put("tarballBytes", c.tarballBytes());
                  m.put("checks", Map.of("tests", t[0], "failed", t[1], "skipped", t[2]));
                  return (Object) m;
                })
            .toList();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("cells", cells.size());
    summary.put("failed", cells.stream().filter(c -> !succeeded(c)).count());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("cells", list);
    doc.put("summary", summary);
    return JsonWriter.ordered(2).write(doc);
  }

  /** Whether a cell counts as a success of the run (built and verified, or up to date). */
  static boolean succeeded(CellReport c) {
    return c.status() == Status.OK || c.status() == Status.UP_TO_DATE;
  }

  private static double seconds(CellReport c) {
    return (c.build().toMillis() + c.export().toMillis() + c.verify().toMillis()) / 1000.0;
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
