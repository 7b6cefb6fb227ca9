package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.matcher.GoValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Go's fmt for templates: Sprint, Sprintln and Sprintf with the verbs suites use (%v %s %q %d %x %X
 * %o %b %c %t %f %e %g and their upper-case forms, %%), flags (- + space 0 #), width and precision
 * (also *). A verb that does not fit its operand prints Go's %!verb(type=value).
 */
final class GoFormat {
  private GoFormat() {}

  /** fmt.Sprint: spaces between operands when neither side is a string. */
  static String sprint(List<Object> args) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (i > 0 && !(a instanceof String) && !(args.get(i - 1) instanceof String)) {
        b.append(' ');
      }
      b.append(value(a));
    }
    return b.toString();
  }

  /** fmt.Sprintln: spaces between all operands, a newline at the end. */
  static String sprintln(List<Object> args) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      b.append(i > 0 ? " " : "").append(value(args.get(i)));
    }
    return b.append('\n').toString();
  }

  private static String value(Object v) {
    return v == null ? "<nil>" : GoValues.format(v);
  }

  /** fmt.Sprintf. */
  static String sprintf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int arg = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      Spec s = new Spec();
      while (i < format.length() && "-+# 0".indexOf(format.charAt(i)) >= 0) {
        s.flags += format.charAt(i++);
      }
      if (i < format.length() && format.charAt(i) == '*') {
        i++;
        s.width = arg < args.size() && args.get(arg) instanceof Long n ? n.intValue() : -1;
        arg++;
      } else {
        int start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        s.width = i > start ? Integer.parseInt(format.substring(start, i)) : -1;
      }
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        if (i < format.length() && format.charAt(i) == '*') {
          i++;
          s.precision = arg < args.size() && args.get(arg) instanceof Long n ? n.intValue() : 0;
          arg++;
        } else {
          int start = i;
          while (i < format.length() && Character.isDigit(format.charAt(i))) {
            i++;
          }
          s.precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
        }
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (arg >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      out.append(s.pad(verb(verb, s, args.get(arg++))));
    }
    if (arg < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = arg; k < args.size(); k++) {
        Object a = args.get(k);
        out.append(k > arg ? ", " : "").append(GoValues.typeName(a)).append('=').append(value(a));
      }
      out.append(')');
    }
    return out.toString();
  }

  /** The flags, width and precision of one verb. */
  private static final class Spec {
    String flags = "";
    int width = -1;
    int precision = -1;

    boolean has(char f) {
      return flags.indexOf(f) >= 0;
    }

    String pad(String s) {
      int n = s.codePointCount(0, s.length());
      if (width <= n) {
        return s;
      }
      String fill = " ".repeat(width - n);
      if (has('-')) {
        return s + fill;
      }
      if (has('0') && !s.isEmpty() && (Character.isDigit(s.charAt(s.length() - 1)))) {
        int sign = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        return s.substring(0, sign) + "0".repeat(width - n) + s.substring(sign);
      }
      return fill + s;
    }
  }

  private static String verb(char verb, Spec s, Object v) {
    boolean isInt = v instanceof Long || v instanceof Integer;
    switch (verb) {
      case 'v':
        return s.has('#') && v instanceof String str ? quote(str) : value(v);
      case 's':
        if (v instanceof String str) {
          return s.precision >= 0 && s.precision < str.length()
              ? str.substring(0, s.precision)
              : str;
        }
        return v instanceof List || v instanceof java.util.Map ? value(v) : bad(verb, v);
      case 'q':
        if (v instanceof String str) {
          return quote(str);
        }
        return isInt
            ? "'" + new String(Character.toChars(((Number) v).intValue())) + "'"
            : bad(verb, v);
      case 't':
        return v instanceof Boolean ? v.toString() : bad(verb, v);
      case 'T':
        return GoValues.typeName(v);
      case 'c':
        return isInt ? new String(Character.toChars(((Number) v).intValue())) : bad(verb, v);
      case 'd', 'o', 'b', 'x', 'X':
        return integer(verb, s, v);
      case 'f', 'F', 'e', 'E', 'g', 'G':
        return v instanceof Double d ? floating(verb, s, d) : bad(verb, v);
      default:
        return bad(verb, v);
    }
  }

  private static String integer(char verb, Spec s, Object v) {
    if (!(v instanceof Long || v instanceof Integer)) {
      if ((verb == 'x' || verb == 'X') && v instanceof String str) {
        String hex = HexFormat.of().formatHex(str.getBytes(StandardCharsets.UTF_8));
        return verb == 'X' ? hex.toUpperCase(Locale.ROOT) : hex;
      }
      return bad(verb, v);
    }
    long n = ((Number) v).longValue();
    String digits =
        switch (verb) {
          case 'o' -> Long.toOctalString(Math.abs(n));
          case 'b' -> Long.toBinaryString(Math.abs(n));
          case 'x' -> Long.toHexString(Math.abs(n));
          case 'X' -> Long.toHexString(Math.abs(n)).toUpperCase(Locale.ROOT);
          default -> Long.toString(Math.abs(n));
        };
    if (s.has('#')) {
      digits = (verb == 'x' ? "0x" : verb == 'X' ? "0X" : verb == 'o' ? "0" : "") + digits;
    }
    String sign = n < 0 ? "-" : s.has('+') ? "+" : s.has(' ') ? " " : "";
    return sign + digits;
  }

  private static String floating(char verb, Spec s, double d) {
    String sign = d < 0 || (d == 0 && 1 / d < 0) ? "-" : s.has('+') ? "+" : s.has(' ') ? " " : "";
    double a = Math.abs(d);
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return sign + "Inf";
    }
    String body =
        switch (Character.toLowerCase(verb)) {
          case 'f' ->
              String.format(Locale.ROOT, "%." + (s.precision < 0 ? 6 : s.precision) + "f", a);
          case 'e' ->
              String.format(Locale.ROOT, "%." + (s.precision < 0 ? 6 : s.precision) + "e", a);
          default -> general(a, s.precision);
        };
    return sign + (Character.isUpperCase(verb) ? body.toUpperCase(Locale.ROOT) : body);
  }

  /** Go's %g: shortest digits (or the precision), exponent form below 1e-4 or at 1e+precision. */
  private static String general(double a, int precision) {
    BigDecimal exact = new BigDecimal(Double.toString(a));
    if (precision >= 0) {
      exact = exact.round(new java.math.MathContext(Math.max(precision, 1)));
    }
    exact = exact.stripTrailingZeros();
    int digits = exact.precision();
    int exp = a == 0 ? 0 : digits - exact.scale() - 1;
    int eprec = precision < 0 ? 6 : Math.max(precision, 1);
    if (a != 0 && (exp < -4 || exp >= eprec)) {
      String unscaled = exact.unscaledValue().abs().toString();
      String mant =
          unscaled.length() > 1 ? unscaled.charAt(0) + "." + unscaled.substring(1) : unscaled;
      return mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
    return exact.toPlainString();
  }

  private static String bad(char verb, Object v) {
    return "%!" + verb + "(" + GoValues.typeName(v) + "=" + value(v) + ")";
  }

  /** strconv.Quote. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    b.append(String.format("\\x%02x", cp));
                  } else {
                    b.appendCodePoint(cp);
                  }
                }
              }
            });
    return b.append('"').toString();
  }
}
