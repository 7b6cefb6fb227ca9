package dev.osimages.engine.verify.gossfile;

import static dev.osimages.engine.verify.gossfile.FunctionArgs.count;
import static dev.osimages.engine.verify.gossfile.FunctionArgs.toFloat64;
import static dev.osimages.engine.verify.gossfile.FunctionArgs.toInt64;

import dev.osimages.engine.json.JsonWriter;
import dev.osimages.engine.verify.gossfile.TemplateFunction.Failure;
import dev.osimages.engine.verify.matcher.GoValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sprig v3's defaults, conversions, integer math, encodings, type tests and environment functions
 * ({@code env} and {@code expandenv} read the suite's .Env, which is what goss's process sees).
 */
final class SprigValues {
  private static final Pattern ENV_REF = Pattern.compile("\\$(\\{(\\w+)}|(\\w+))");

  private SprigValues() {}

  static void register(Map<String, TemplateFunction> f, Map<String, String> env) {
    f.put(
        "default",
        a -> {
          count(a, 1, 2);
          return a.size() < 2 || FunctionArgs.empty(a.get(1)) ? a.get(0) : a.get(1);
        });
    f.put(
        "empty",
        a -> {
          count(a, 1, 1);
          return FunctionArgs.empty(a.get(0));
        });
    f.put("coalesce", a -> a.stream().filter(o -> !FunctionArgs.empty(o)).findFirst().orElse(null));
    f.put("all", a -> a.stream().noneMatch(FunctionArgs::empty));
    f.put("any", a -> a.stream().anyMatch(o -> !FunctionArgs.empty(o)));
    f.put(
        "ternary",
        a -> {
          count(a, 3, 3);
          return GoTemplate.truth(a.get(2)) ? a.get(0) : a.get(1);
        });
    f.put(
        "fail",
        a -> {
          count(a, 1, 1);
          throw new Failure(FunctionArgs.string(a, 0));
        });
    f.put("int", a -> one(a, o -> toInt64(o)));
    f.put("int64", a -> one(a, o -> toInt64(o)));
    f.put("float64", a -> one(a, o -> toFloat64(o)));
    f.put(
        "atoi",
        a -> {
          count(a, 1, 1);
          try {
            return Long.parseLong(FunctionArgs.string(a, 0));
          } catch (NumberFormatException e) {
            return 0L;
          }
        });
    f.put(
        "toDecimal",
        a ->
            one(
                a,
                o -> {
                  try {
                    return Long.parseLong(FunctionArgs.strval(o), 8);
                  } catch (NumberFormatException e) {
                    return 0L;
                  }
                }));
    math(f);
    encodings(f);
    types(f);
    f.put(
        "env",
        a -> {
          count(a, 1, 1);
          return env.getOrDefault(FunctionArgs.string(a, 0), "");
        });
    f.put(
        "expandenv",
        a -> {
          count(a, 1, 1);
          Matcher m = ENV_REF.matcher(FunctionArgs.string(a, 0));
          return m.replaceAll(
              r ->
                  Matcher.quoteReplacement(
                      env.getOrDefault(r.group(2) != null ? r.group(2) : r.group(3), "")));
        });
  }

  private interface Conversion {
    Object apply(Object o) throws Failure;
  }

  private static Object one(List<Object> a, Conversion c) throws Failure {
    count(a, 1, 1);
    return c.apply(a.get(0));
  }

  private static void math(Map<String, TemplateFunction> f) {
    f.put("add", a -> fold(a, Long::sum));
    f.put("mul", a -> fold(a, (x, y) -> x * y));
    f.put("max", a -> fold(a, Math::max));
    f.put("min", a -> fold(a, Math::min));
    f.put("biggest", a -> fold(a, Math::max));
    f.put("add1", a -> one(a, o -> toInt64(o) + 1));
    f.put("sub", a -> two(a, (x, y) -> x - y));
    f.put(
        "div",
        a -> {
          count(a, 2, 2);
          if (toInt64(a.get(1)) == 0) {
            throw new Failure("runtime error: integer divide by zero");
          }
          return toInt64(a.get(0)) / toInt64(a.get(1));
        });
    f.put(
        "mod",
        a -> {
          count(a, 2, 2);
          if (toInt64(a.get(1)) == 0) {
            throw new Failure("runtime error: integer divide by zero");
          }
          return toInt64(a.get(0)) % toInt64(a.get(1));
        });
    f.put("floor", a -> one(a, o -> Math.floor(toFloat64(o))));
    f.put("ceil", a -> one(a, o -> Math.ceil(toFloat64(o))));
    f.put(
        "seq",
        a -> {
          StringBuilder b = new StringBuilder();
          long start = a.size() > 1 ? toInt64(a.get(0)) : 1;
          long end = toInt64(a.get(a.size() - 1));
          long step = a.size() > 2 ? toInt64(a.get(1)) : start <= end ? 1 : -1;
          for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
            b.append(b.length() > 0 ? " " : "").append(i);
            if (step == 0) {
              break;
            }
          }
          return b.toString();
        });
  }

  private static Object fold(List<Object> a, LongBinaryOperator op) throws Failure {
    count(a, 1, Integer.MAX_VALUE);
    long acc = toInt64(a.get(0));
    for (Object o : a.subList(1, a.size())) {
      acc = op.applyAsLong(acc, toInt64(o));
    }
    return acc;
  }

  private static Object two(List<Object> a, LongBinaryOperator op) throws Failure {
    count(a, 2, 2);
    return op.applyAsLong(toInt64(a.get(0)), toInt64(a.get(1)));
  }

  private static void encodings(Map<String, TemplateFunction> f) {
    f.put("b64enc", a -> one(a, o -> Base64.getEncoder().encodeToString(bytes(o))));
    f.put(
        "b64dec",
        a ->
            one(
                a,
                o -> {
                  try {
                    return new String(
                        Base64.getDecoder().decode(FunctionArgs.strval(o)), StandardCharsets.UTF_8);
                  } catch (IllegalArgumentException e) {
                    return e.getMessage();
                  }
                }));
    f.put("sha1sum", a -> one(a, o -> digest("SHA-1", o)));
    f.put("sha256sum", a -> one(a, o -> digest("SHA-256", o)));
    f.put("sha512sum", a -> one(a, o -> digest("SHA-512", o)));
    f.put("toJson", a -> one(a, o -> JsonWriter.go(true, GoValues::jsonFloat).write(o)));
    f.put("toRawJson", a -> one(a, o -> JsonWriter.go(false, GoValues::jsonFloat).write(o)));
  }

  private static byte[] bytes(Object o) {
    return FunctionArgs.strval(o).getBytes(StandardCharsets.UTF_8);
  }

  private static String digest(String algorithm, Object o) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes(o)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JRE", e);
    }
  }

  private static void types(Map<String, TemplateFunction> f) {
    f.put("kindOf", a -> one(a, SprigValues::kind));
    f.put(
        "kindIs",
        a -> {
          count(a, 2, 2);
          return FunctionArgs.string(a, 0).equals(kind(a.get(1)));
        });
    f.put("typeOf", a -> one(a, o -> o == null ? "<nil>" : GoValues.typeName(o)));
    f.put(
        "typeIs",
        a -> {
          count(a, 2, 2);
          return FunctionArgs.string(a, 0)
              .equals(a.get(1) == null ? "<nil>" : GoValues.typeName(a.get(1)));
        });
    f.put(
        "deepEqual",
        a -> {
          count(a, 2, 2);
          return java.util.Objects.equals(a.get(0), a.get(1));
        });
  }

  /** reflect.Kind names of YAML data. */
  private static String kind(Object o) {
    if (o == null) {
      return "invalid";
    }
    if (o instanceof List) {
      return "slice";
    }
    if (o instanceof Map) {
      return "map";
    }
    return GoValues.typeName(o);
  }
}
