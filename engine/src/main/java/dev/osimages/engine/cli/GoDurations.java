package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go-style durations as goss's flags take them: "150s", "1m30s", "500ms", "0"; a bare whole
 * number is seconds ("600"), so every duration flag of the engine reads the same way.
 */
final class GoDurations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private GoDurations() {}

  static Duration parse(String option, String text) {
    if (text.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    Matcher m = PART.matcher(text);
    long nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos += (long) (n * unit);
      end = m.end();
    }
    if (end != text.length() || text.isEmpty()) {
      throw new EngineException(
          option
              + ": invalid duration \""
              + text
              + "\" (e.g. 150s, 1m30s, 500ms, or whole seconds)",
          ExitCode.INVALID);
    }
    return Duration.ofNanos(nanos);
  }
}
