package dev.osimages.engine.verify.matcher;

import java.math.BigDecimal;
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

  /** Go's %v for float64: shortest representation, exponent form at 1e21 and beyond. */
  static String formatFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    double abs = Math.abs(d);
    if (abs != 0 && (abs >= 1e21 || abs < 1e-4)) {
      String s = String.format("%e", d); // 1.000000e+21 -> trim zeros
      String mant = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
      String exp = s.substring(s.indexOf('e') + 1);
      int e = Integer.parseInt(exp);
      return mant + "e" + (e < 0 ? "-" : "+") + String.format("%02d", Math.abs(e));
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
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
