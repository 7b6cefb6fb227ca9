package dev.osimages.engine.verify.matcher;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Formats and compares values the way goss (Go) does: {@code fmt.Sprintf("%v")} for the to-string
 * transform, and Go truthiness. Values are the plain Java data YAML loading produces.
 */
public final class GoValues {
  private GoValues() {}

  /** Go's {@code %v} of a value. */
  public static String format(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof Double d) {
      return formatFloat(d);
    }
    if (v instanceof List<?> list) {
      StringJoiner j = new StringJoiner(" ", "[", "]");
      list.forEach(e -> j.add(format(e)));
      return j.toString();
    }
    if (v instanceof Map<?, ?> map) {
      StringJoiner j = new StringJoiner(" ", "map[", "]");
      new java.util.TreeMap<>(map).forEach((k, e) -> j.add(format(k) + ":" + format(e)));
      return j.toString();
    }
    return v.toString();
  }

  /**
   * Go's %v for float64 (strconv's 'g' with the shortest digits): exponent form when the decimal
   * exponent is below -4 or 6 and above ({@code 1e+06}, {@code 1e-05}), else plain ({@code
   * 123456.7}).
   */
  static String formatFloat(double d) {
    return goFloat(d, false);
  }

  /**
   * Go's encoding/json for float64: plain decimals from 1e-6 up to 1e21, exponent form outside
   * ({@code 1e-7}, {@code 1e+21}).
   */
  public static String jsonFloat(double d) {
    return goFloat(d, true);
  }

  private static String goFloat(double d, boolean json) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    BigDecimal b = shortest(d);
    int exp = b.precision() - b.scale() - 1;
    double abs = Math.abs(d);
    boolean exponent = json ? abs < 1e-6 || abs >= 1e21 : exp < -4 || exp >= 6;
    if (!exponent) {
      return b.toPlainString();
    }
    String digits = b.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    int e = Math.abs(exp);
    // Go writes at least two exponent digits; its JSON encoder then drops the 0 of "e-07".
    String expDigits = e < 10 && !(json && exp < 0) ? "0" + e : Integer.toString(e);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + expDigits;
  }

  /**
   * The fewest significant digits that read back as {@code d}, as Go's strconv finds them (JDK 17's
   * Double.toString is not always that short: it gives 4.9E-324 for 5e-324).
   */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == d) {
        return r.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /** Whether a value is a number (any integral or floating type YAML produced). */
  static boolean isNumber(Object v) {
    return v instanceof Number;
  }

  /** A number as a double, for numeric comparisons. */
  static double toDouble(Object v) {
    return ((Number) v).doubleValue();
  }

  /** Deep equality as Go's reflect.DeepEqual on YAML data, with numbers compared by value. */
  static boolean deepEqual(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEqual(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return java.util.Objects.equals(a, b);
  }

  /** Go's name for the type of a value, for error messages ("string", "[]interface {}"). */
  public static String typeName(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof Number) {
      return "int";
    }
    if (v instanceof List<?>) {
      return "[]interface {}";
    }
    if (v instanceof Map<?, ?>) {
      return "map[string]interface {}";
    }
    return v.getClass().getSimpleName();
  }
}
