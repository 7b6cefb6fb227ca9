package dev.osimages.engine.dockerfile;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The values of {@code --mount} options as BuildKit reads them; a bad one names its option. */
final class MountValues {
  private static final Pattern SIZE = Pattern.compile("(?i)^([0-9]+)\\s*([kmgt]?)i?b?$");

  private MountValues() {}

  static RunMount.Type type(String value) {
    try {
      return RunMount.Type.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--mount: unsupported mount type '"
              + value
              + "' (expected bind, cache, tmpfs or secret)");
    }
  }

  static RunMount.Sharing sharing(String value) {
    try {
      return RunMount.Sharing.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--mount: unsupported sharing '" + value + "' (expected shared, private or locked)");
    }
  }

  static boolean bool(String key, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "1", "t", "true" -> true;
      case "0", "f", "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "--mount: " + key + "=" + value + " is not true or false");
    };
  }

  static int number(String key, String value, int radix) {
    try {
      return Integer.parseUnsignedInt(value, radix);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--mount: "
              + key
              + "="
              + value
              + (radix == 8 ? " is not an octal mode" : " is not a number"));
    }
  }

  /** A size as BuildKit reads it: bytes, or a number with k, m, g (binary units). */
  static long size(String value) {
    Matcher m = SIZE.matcher(value.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("--mount: size=" + value + " is not a size like 64m");
    }
    long n = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    return n << shift;
  }
}
