package dev.osimages.engine.verify.matcher;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** goss's value transforms applied before a matcher: to-string, to-numeric, to-array. */
enum Transform {
  TO_STRING("to-string"),
  TO_NUMERIC("to-numeric"),
  TO_ARRAY("to-array");

  private final String name;

  Transform(String name) {
    this.name = name;
  }

  /** The name goss prints in "the transform chain was". */
  String displayName() {
    return name;
  }

  Object apply(Object v) throws MatchException {
    return switch (this) {
      case TO_STRING -> toStringValue(v);
      case TO_NUMERIC -> toNumeric(v);
      case TO_ARRAY -> v instanceof String s ? Arrays.asList(s.split("\n", -1)) : v;
    };
  }

  private static Object toStringValue(Object v) {
    if (v instanceof List<?> list) {
      return list.stream().map(GoValues::format).collect(Collectors.joining("\n"));
    }
    return GoValues.format(v);
  }

  private static Object toNumeric(Object v) throws MatchException {
    if (v instanceof Number) {
      return v;
    }
    String s;
    if (v instanceof String str) {
      s = str;
    } else if (v instanceof List<?>) {
      s = (String) toStringValue(v);
    } else {
      throw new MatchException("Expected numeric, Got:" + GoValues.typeName(v));
    }
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      throw new MatchException(
          "matchers.ToNumeric{}: strconv.ParseFloat: parsing \""
              + s.strip()
              + "\": invalid syntax");
    }
  }

  /** The transform chain entry as goss marshals it: {"to-numeric":{}}. */
  Object json() {
    return java.util.Map.of(name, java.util.Map.of());
  }

  static List<String> names(List<Transform> chain) {
    return chain.stream().map(Transform::displayName).toList();
  }
}
