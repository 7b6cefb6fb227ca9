package dev.osimages.engine.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * picocli's converter for every {@link Duration} option: Go-style durations as goss's flags take
 * them ("150s", "1m30s", "500ms", "0"), and a bare whole number as seconds ("600"), so every
 * duration flag of the engine reads the same way. A malformed value is a command-line error that
 * picocli reports with the option's name (exit 2).
 */
final class GoDurations implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  @Override
  public Duration convert(String text) {
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
      throw new CommandLine.TypeConversionException(
          "invalid duration \"" + text + "\" (e.g. 150s, 1m30s, 500ms, or whole seconds)");
    }
    return Duration.ofNanos(nanos);
  }
}
