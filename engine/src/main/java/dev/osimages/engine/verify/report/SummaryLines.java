package dev.osimages.engine.verify.report;

import dev.osimages.engine.json.JsonWriter;
import dev.osimages.engine.verify.matcher.GoValues;
import dev.osimages.engine.verify.matcher.MatcherResult;
import dev.osimages.engine.verify.resource.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * goss's human lines for a result ("File: /etc/passwd: exists: matches expectation: true"), the
 * per-resource header (Title, Meta), and the count line. The skip reason, this engine's addition,
 * follows "skipped" in parentheses.
 */
public final class SummaryLines {
  /** Go's encoding of a value, as goss prints expected and actual values (no HTML escaping). */
  private static final JsonWriter GO = JsonWriter.go(false, GoValues::jsonFloat);

  private SummaryLines() {}

  /** goss's humanizeResult; compact joins the parts with spaces instead of newlines. */
  public static String line(TestResult r, boolean compact) {
    String head = r.resourceType() + ": " + r.resourceId() + ": " + r.property();
    return switch (r.result()) {
      case TestResult.SUCCESS ->
          head + ": " + r.matcherResult().message() + ": " + GO.write(r.matcherResult().expected());
      case TestResult.SKIP ->
          head + ": skipped" + (r.skipReason() == null ? "" : " (" + r.skipReason() + ")");
      default -> head + ":" + (compact ? " " : "\n") + failure(r, compact);
    };
  }

  private static String failure(TestResult r, boolean compact) {
    String sep = compact ? " " : "\n";
    MatcherResult m = r.matcherResult();
    List<String> parts = new ArrayList<>();
    if (r.err() != null) {
      parts.add("Error");
      parts.add(compact ? r.err().replaceAll("\\s+", " ") : indent(r.err()));
    } else {
      parts.add("Expected");
      parts.add(pretty(m.actual(), compact));
      parts.add(m.message());
      parts.add(pretty(m.expected(), compact));
    }
    if (m.missingElements() != null) {
      parts.add("the missing elements were");
      parts.add(pretty(m.missingElements(), compact));
    }
    if (m.extraElements() != null) {
      parts.add("the extra elements were");
      parts.add(pretty(m.extraElements(), compact));
    }
    if (!m.transformChain().isEmpty()) {
      parts.add("the transform chain was");
      parts.add(
          pretty(
              m.transformChain().stream().map(t -> (Object) Map.of(t, Map.of())).toList(),
              compact));
      parts.add("the raw value was");
      parts.add(pretty(m.untransformedValue(), compact));
    }
    return String.join(sep, parts);
  }

  private static String pretty(Object v, boolean compact) {
    String json = GO.write(v);
    return compact ? json : indent(json);
  }

  static String indent(String text) {
    StringBuilder b = new StringBuilder();
    for (String l : text.replaceAll("\n+$", "").split("\n", -1)) {
      b.append(b.length() > 0 ? "\n" : "").append("    ").append(l);
    }
    return b.toString();
  }

  /** goss's header: "Title: ..." and sorted "Meta:" entries, or "". */
  static String header(TestResult r) {
    StringBuilder b = new StringBuilder();
    if (!r.title().isEmpty()) {
      b.append("Title: ").append(r.title()).append('\n');
    }
    if (r.meta() != null) {
      b.append("Meta:\n");
      new TreeMap<>(r.meta())
          .forEach(
              (k, v) ->
                  b.append("    ")
                      .append(k)
                      .append(": ")
                      .append(dev.osimages.engine.verify.matcher.GoValues.format(v))
                      .append('\n'));
    }
    return b.toString();
  }
}
