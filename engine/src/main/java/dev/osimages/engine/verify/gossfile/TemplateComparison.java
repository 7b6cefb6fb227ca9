package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.matcher.GoValues;

/**
 * Go's {@code eq} on basic values: strings with strings, bools with bools, integers with integers,
 * floats with floats; other pairs are "incompatible types for comparison".
 */
final class TemplateComparison {
  private TemplateComparison() {}

  static boolean equal(String file, int line, Object a, Object b) throws TemplateException {
    if (a instanceof String x && b instanceof String y) {
      return x.equals(y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return x.equals(y);
    }
    boolean ia = a instanceof Long || a instanceof Integer;
    boolean ib = b instanceof Long || b instanceof Integer;
    if (ia && ib) {
      return ((Number) a).longValue() == ((Number) b).longValue();
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a == null || b == null || a instanceof java.util.List || a instanceof java.util.Map) {
      throw new TemplateException(
          file,
          line,
          "error calling eq: non-comparable type " + GoValues.typeName(a == null ? a : b));
    }
    throw new TemplateException(file, line, "error calling eq: incompatible types for comparison");
  }
}
