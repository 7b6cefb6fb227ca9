package dev.osimages.engine.verify.gossfile;

import java.util.List;

/**
 * Go's {@code eq} (text/template, Go 1.19) on YAML data: strings with strings, bools with bools,
 * integers with integers, floats with floats. A value compared with nil is unequal (nil equals
 * nil); two non-nil values of different kinds are "incompatible types for comparison"; lists and
 * maps cannot be compared.
 */
final class TemplateComparison {
  private TemplateComparison() {}

  private enum Kind {
    BOOL,
    INT,
    FLOAT,
    STRING,
    OTHER
  }

  static boolean equal(String file, int line, Object a, Object b) throws TemplateException {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka != kb) {
      if (a != null && b != null) {
        throw new TemplateException(
            file, line, "error calling eq: incompatible types for comparison");
      }
      return false;
    }
    return switch (ka) {
      case BOOL, STRING -> a.equals(b);
      case INT -> ((Number) a).longValue() == ((Number) b).longValue();
      case FLOAT -> ((Number) a).doubleValue() == ((Number) b).doubleValue();
      case OTHER -> {
        if (a == null || b == null) {
          yield a == b;
        }
        boolean sameKind = (a instanceof List) == (b instanceof List);
        throw new TemplateException(
            file, line, "error calling eq: non-comparable type" + (sameKind ? "" : "s"));
      }
    };
  }

  private static Kind kind(Object v) {
    if (v instanceof Boolean) {
      return Kind.BOOL;
    }
    if (v instanceof Long || v instanceof Integer) {
      return Kind.INT;
    }
    if (v instanceof Double || v instanceof Float) {
      return Kind.FLOAT;
    }
    if (v instanceof String) {
      return Kind.STRING;
    }
    return Kind.OTHER; // nil, lists and maps
  }
}
