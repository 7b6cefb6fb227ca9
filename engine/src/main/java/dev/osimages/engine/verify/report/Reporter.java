package dev.osimages.engine.verify.report;

import dev.osimages.engine.verify.VerifyReport;
import java.util.List;

/** Renders a report in one of goss's output formats. */
public interface Reporter {
  /** The report's text, exactly as goss would print it for the same results. */
  String render(VerifyReport report);

  /** The format names the CLI accepts. */
  List<String> FORMATS = List.of("documentation", "rspecish", "json", "junit", "tap");

  /** The reporter for a format name. */
  static Reporter forFormat(String name) {
    return switch (name) {
      case "documentation" -> new TextReporter(true);
      case "rspecish" -> new TextReporter(false);
      case "json" -> new JsonReporter();
      case "junit" -> new JunitReporter();
      case "tap" -> new TapReporter();
      default ->
          throw new IllegalArgumentException(
              "bad output format: " + name + " (one of " + String.join(", ", FORMATS) + ")");
    };
  }
}
