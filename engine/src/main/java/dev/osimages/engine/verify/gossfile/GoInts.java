package dev.osimages.engine.verify.gossfile;

/**
 * Go's strconv.ParseInt(s, 0, 64) as yaml.v3 applies it: 0x, 0o, 0b prefixes and leading-0 octal.
 */
final class GoInts {
  private GoInts() {}

  static Long parse(String s) {
    String v = s.replace("_", "");
    boolean neg = v.startsWith("-");
    String body = neg || v.startsWith("+") ? v.substring(1) : v;
    int radix = 10;
    if (body.startsWith("0x") || body.startsWith("0X")) {
      radix = 16;
      body = body.substring(2);
    } else if (body.startsWith("0o") || body.startsWith("0O")) {
      radix = 8;
      body = body.substring(2);
    } else if (body.startsWith("0b") || body.startsWith("0B")) {
      radix = 2;
      body = body.substring(2);
    } else if (body.length() > 1 && body.startsWith("0")) {
      radix = 8;
      body = body.substring(1);
    }
    if (body.isEmpty() || s.contains("__") || s.startsWith("_") || s.endsWith("_")) {
      return null;
    }
    try {
      long n = Long.parseLong(body, radix);
      return neg ? -n : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
