package dev.osimages.engine.verify.report;

import java.util.Locale;
import java.util.function.Supplier;

/** goss's output formats, spelled as goss's {@code --format} takes them. */
public enum ReportFormat {
  /** One line per check, then failures and the summary. */
  DOCUMENTATION(() -> new TextReporter(true)),
  /** A dot per check (goss's default), then failures and the summary. */
  RSPECISH(() -> new TextReporter(false)),
  /** goss's JSON document. */
  JSON(JsonReporter::new),
  /** JUnit XML, one test case per check. */
  JUNIT(JunitReporter::new),
  /** Test Anything Protocol. */
  TAP(TapReporter::new);

  private final Supplier<Reporter> reporter;

  ReportFormat(Supplier<Reporter> reporter) {
    this.reporter = reporter;
  }

  /** The reporter that writes this format. */
  public Reporter reporter() {
    return reporter.get();
  }

  /** The spelling on the command line, as goss's. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
