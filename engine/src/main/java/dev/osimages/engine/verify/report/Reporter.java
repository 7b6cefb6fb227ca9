package dev.osimages.engine.verify.report;

import dev.osimages.engine.verify.VerifyReport;

/** Renders a report in one of goss's output formats ({@link ReportFormat}). */
public interface Reporter {
  /** The report's text, exactly as goss would print it for the same results. */
  String render(VerifyReport report);
}
