package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.gossfile.TemplateFunction.Failure;
import java.util.List;

/**
 * Go's comparison functions on basic values: eq (with several right-hand values), ne, lt, le, gt,
 * ge. Strings compare with strings, bools with bools, integers with integers, floats with floats;
 * other pairs are "incompatible types for comparison", lists and maps "non-comparable", and nil is
 * only equal to nil.
 */
final class TemplateComparison {
  private enum Kind {
    NIL,
    BOOL,
    INT,
    FLOAT,
    STRING,
    OTHER
  }

  private TemplateComparison() {}

  static boolean eq(List<Object> args) throws Failure {
    if (args.size() < 2) {
      throw new Failure("missing argument for comparison");
    }
    Object first = args.get(0);
    for (Object other : args.subList(1, args.size())) {
      if (equal(first, other)) {
        return true;
      }
    }
    return false;
  }

  static boolean ne(List<Object> args) throws Failure {
    FunctionArgs.count(args, 2, 2);
    return !equal(args.get(0), args.get(1));
  }

  /** lt, le, gt, ge: -1, 0, 1 of a comparison, as {@code op} asks. */
  static boolean order(String op, List<Object> args) throws Failure {
    FunctionArgs.count(args, 2, 2);
    int c = compare(args.get(0), args.get(1));
    return switch (op) {
      case "lt" -> c < 0;
      case "le" -> c <= 0;
      case "gt" -> c > 0;
      default -> c >= 0;
    };
  }

  static boolean equal(Object a, Object b) throws Failure {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka != kb) {
      if (ka != Kind.NIL && kb != Kind.NIL) {
        throw new Failure("incompatible types for comparison");
      }
      return false;
    }
    return switch (ka) {
      case NIL -> true;
      case INT -> ((Number) a).longValue() == ((Number) b).longValue();
      case FLOAT -> ((Double) a).doubleValue() == ((Double) b).doubleValue();
      case OTHER ->
          // Go: "type" for two lists or two maps, "types" for a list and a map
          throw new Failure(
              "non-comparable type" + ((a instanceof List) == (b instanceof List) ? "" : "s"));
      default -> a.equals(b);
    };
  }

  private static int compare(Object a, Object b) throws Failure {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka == Kind.NIL || ka == Kind.BOOL || ka == Kind.OTHER || kb == Kind.NIL) {
      throw new Failure("invalid type for comparison");
    }
    if (ka != kb) {
      throw new Failure("incompatible types for comparison");
    }
    return switch (ka) {
      case INT -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());
      case FLOAT -> Double.compare((Double) a, (Double) b);
      default -> Integer.signum(((String) a).compareTo((String) b));
    };
  }

  private static Kind kind(Object v) {
    if (v == null) {
      return Kind.NIL;
    }
    if (v instanceof Boolean) {
      return Kind.BOOL;
    }
    if (v instanceof Long || v instanceof Integer) {
      return Kind.INT;
    }
    if (v instanceof Double) {
      return Kind.FLOAT;
    }
    if (v instanceof String) {
      return Kind.STRING;
    }
    return Kind.OTHER;
  }
}
