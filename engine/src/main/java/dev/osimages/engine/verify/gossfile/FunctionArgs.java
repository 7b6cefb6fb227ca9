package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.gossfile.TemplateFunction.Failure;
import dev.osimages.engine.verify.matcher.GoValues;
import java.util.List;
import java.util.Map;

/**
 * Argument checks and conversions for template functions: Go's parameter typing (a string parameter
 * given an int is "wrong type for value") and Sprig's lenient conversions (strval, toInt64,
 * toFloat64, as the cast library behaves).
 */
final class FunctionArgs {
  private FunctionArgs() {}

  static void count(List<Object> a, int min, int max) throws Failure {
    if (a.size() < min || a.size() > max) {
      String want =
          min == max ? "" + min : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
      throw new TemplateFunction.Arity("want " + want + " got " + a.size());
    }
  }

  /** A Go string parameter. */
  static String string(List<Object> a, int i) throws Failure {
    Object v = a.get(i);
    if (v instanceof String s) {
      return s;
    }
    throw new Failure("wrong type for value; expected string; got " + GoValues.typeName(v));
  }

  /** A Go int parameter. */
  static long integer(List<Object> a, int i) throws Failure {
    Object v = a.get(i);
    if (v instanceof Long || v instanceof Integer) {
      return ((Number) v).longValue();
    }
    throw new Failure("wrong type for value; expected int; got " + GoValues.typeName(v));
  }

  /** A list parameter ([]interface{}). */
  static List<Object> list(List<Object> a, int i) throws Failure {
    Object v = a.get(i);
    if (v instanceof List<?> l) {
      @SuppressWarnings("unchecked")
      List<Object> typed = (List<Object>) l;
      return typed;
    }
    throw new Failure("wrong type for value; expected []interface {}; got " + GoValues.typeName(v));
  }

  /** A map parameter (map[string]interface{}). */
  static Map<String, Object> map(List<Object> a, int i) throws Failure {
    Object v = a.get(i);
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) m;
      return typed;
    }
    throw new Failure(
        "wrong type for value; expected map[string]interface {}; got " + GoValues.typeName(v));
  }

  /** Sprig's strval: strings as they are, nil as "", anything else as fmt's %v. */
  static String strval(Object v) {
    if (v == null) {
      return "";
    }
    return v instanceof String s ? s : GoValues.format(v);
  }

  /** cast.ToInt64: numbers truncated, bools 1/0, strings parsed with Go's base prefixes, else 0. */
  static long toInt64(Object v) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof String s) {
      Long parsed = GoInts.parse(s.strip());
      if (parsed != null) {
        return parsed;
      }
      try {
        return (long) Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /** cast.ToFloat64: numbers, bools 1/0, parsable strings, else 0. */
  static double toFloat64(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /** A list as Sprig's list functions accept it (a list, or a failure naming the type). */
  static List<Object> sprigList(String fn, Object v) throws Failure {
    if (v instanceof List<?> l) {
      @SuppressWarnings("unchecked")
      List<Object> typed = (List<Object>) l;
      return typed;
    }
    throw new Failure("Cannot " + fn + " on type " + GoValues.typeName(v));
  }

  /** Go's empty value test, as Sprig's empty and default use it. */
  static boolean empty(Object v) {
    return !GoTemplate.truth(v);
  }
}
