package dev.osimages.engine.declaration;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Types plain (unquoted) scalars by the YAML 1.2 core schema rather than snakeyaml's YAML 1.1
 * rules: {@code yes}, {@code on} and {@code NO} stay strings, {@code 012} is twelve (not octal ten)
 * and {@code 1_000} or {@code 1:20} are strings. Quoted scalars are always strings. Non-finite
 * floats stay strings because JSON (and so the schema check) cannot hold them.
 */
final class ScalarTypes {
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
  private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  private ScalarTypes() {}

  /** The value of a plain scalar: null, Boolean, Long/BigInteger, Double or the text itself. */
  static Object plain(String text) {
    if (NULL.matcher(text).matches()) {
      return null;
    }
    if (TRUE.matcher(text).matches()) {
      return Boolean.TRUE;
    }
    if (FALSE.matcher(text).matches()) {
      return Boolean.FALSE;
    }
    if (DECIMAL.matcher(text).matches()) {
      return integer(new BigInteger(text.startsWith("+") ? text.substring(1) : text));
    }
    if (OCTAL.matcher(text).matches()) {
      return integer(new BigInteger(text.substring(2), 8));
    }
    if (HEX.matcher(text).matches()) {
      return integer(new BigInteger(text.substring(2), 16));
    }
    if (FLOAT.matcher(text).matches()) {
      return Double.valueOf(text);
    }
    return text;
  }

  private static Object integer(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }
}
