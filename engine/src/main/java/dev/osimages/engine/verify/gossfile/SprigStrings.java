package dev.osimages.engine.verify.gossfile;

import static dev.osimages.engine.verify.gossfile.FunctionArgs.count;
import static dev.osimages.engine.verify.gossfile.FunctionArgs.integer;
import static dev.osimages.engine.verify.gossfile.FunctionArgs.strval;

import dev.osimages.engine.verify.gossfile.TemplateFunction.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sprig v3's string and regular-expression functions, with Sprig's argument order (the string
 * operated on comes last, so it can be piped).
 */
final class SprigStrings {
  private SprigStrings() {}

  /** One-string function: the last argument converted to a string. */
  private interface Unary {
    Object apply(String s) throws Failure;
  }

  private static TemplateFunction unary(Unary f) {
    return a -> {
      count(a, 1, 1);
      return f.apply(FunctionArgs.string(a, 0));
    };
  }

  /** Two-string function (x, s): x first, the subject last. */
  private interface Binary {
    Object apply(String x, String s) throws Failure;
  }

  private static TemplateFunction binary(Binary f) {
    return a -> {
      count(a, 2, 2);
      return f.apply(FunctionArgs.string(a, 0), FunctionArgs.string(a, 1));
    };
  }

  static void register(Map<String, TemplateFunction> f) {
    f.put("trim", unary(String::strip));
    f.put("upper", unary(s -> s.toUpperCase(Locale.ROOT)));
    f.put("lower", unary(s -> s.toLowerCase(Locale.ROOT)));
    f.put("title", unary(SprigStrings::title));
    f.put(
        "untitle",
        unary(s -> s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1)));
    f.put("nospace", unary(s -> s.replaceAll("\\s", "")));
    f.put("trimAll", binary((cut, s) -> trimChars(s, cut)));
    f.put("trimall", binary((cut, s) -> trimChars(s, cut)));
    f.put("trimPrefix", binary((p, s) -> s.startsWith(p) ? s.substring(p.length()) : s));
    f.put(
        "trimSuffix",
        binary((x, s) -> s.endsWith(x) ? s.substring(0, s.length() - x.length()) : s));
    f.put("contains", binary((x, s) -> s.contains(x)));
    f.put("hasPrefix", binary((x, s) -> s.startsWith(x)));
    f.put("hasSuffix", binary((x, s) -> s.endsWith(x)));
    f.put(
        "splitList",
        binary((sep, s) -> new ArrayList<Object>(List.of(s.split(Pattern.quote(sep), -1)))));
    f.put("split", binary((sep, s) -> indexed(s.split(Pattern.quote(sep), -1))));
    f.put(
        "repeat",
        a -> {
          count(a, 2, 2);
          return FunctionArgs.string(a, 1).repeat((int) Math.max(0, integer(a, 0)));
        });
    f.put(
        "trunc",
        a -> {
          count(a, 2, 2);
          String s = FunctionArgs.string(a, 1);
          long n = integer(a, 0);
          return n < 0
              ? s.substring((int) Math.max(0, s.length() + n))
              : s.substring(0, (int) Math.min(n, s.length()));
        });
    f.put(
        "substr",
        a -> {
          count(a, 3, 3);
          String s = FunctionArgs.string(a, 2);
          int start = (int) integer(a, 0);
          int end = (int) integer(a, 1);
          if (start < 0) {
            return s.substring(0, Math.min(Math.max(end, 0), s.length()));
          }
          return end < 0 || end > s.length()
              ? s.substring(Math.min(start, s.length()))
              : s.substring(Math.min(start, end), end);
        });
    f.put(
        "replace",
        a -> {
          count(a, 3, 3);
          return FunctionArgs.string(a, 2)
              .replace(FunctionArgs.string(a, 0), FunctionArgs.string(a, 1));
        });
    f.put(
        "indent",
        a -> {
          count(a, 2, 2);
          String pad = " ".repeat((int) integer(a, 0));
          return pad + FunctionArgs.string(a, 1).replace("\n", "\n" + pad);
        });
    f.put(
        "nindent",
        a -> {
          count(a, 2, 2);
          String pad = " ".repeat((int) integer(a, 0));
          return "\n" + pad + FunctionArgs.string(a, 1).replace("\n", "\n" + pad);
        });
    f.put("quote", a -> join(a, "\""));
    f.put("squote", a -> join(a, "'"));
    f.put(
        "cat",
        a -> {
          List<String> parts = new ArrayList<>();
          for (Object o : a) {
            if (o != null) {
              parts.add(strval(o));
            }
          }
          return String.join(" ", parts);
        });
    f.put(
        "toString",
        a -> {
          count(a, 1, 1);
          return strval(a.get(0));
        });
    regex(f);
  }

  private static void regex(Map<String, TemplateFunction> f) {
    f.put(
        "regexFind",
        a -> {
          count(a, 2, 2);
          Matcher m = GoRegex.compile(FunctionArgs.string(a, 0)).matcher(FunctionArgs.string(a, 1));
          return m.find() ? m.group() : "";
        });
    f.put(
        "regexFindAll",
        a -> {
          count(a, 3, 3);
          Matcher m = GoRegex.compile(FunctionArgs.string(a, 0)).matcher(FunctionArgs.string(a, 1));
          long n = integer(a, 2);
          List<Object> out = new ArrayList<>();
          while ((n < 0 || out.size() < n) && m.find()) {
            out.add(m.group());
          }
          return out;
        });
    f.put(
        "regexReplaceAll",
        a -> {
          count(a, 3, 3);
          return GoRegex.replaceAll(
              GoRegex.compile(FunctionArgs.string(a, 0)),
              FunctionArgs.string(a, 1),
              FunctionArgs.string(a, 2));
        });
    f.put(
        "regexReplaceAllLiteral",
        a -> {
          count(a, 3, 3);
          return GoRegex.compile(FunctionArgs.string(a, 0))
              .matcher(FunctionArgs.string(a, 1))
              .replaceAll(Matcher.quoteReplacement(FunctionArgs.string(a, 2)));
        });
    f.put(
        "regexSplit",
        a -> {
          count(a, 3, 3);
          long n = integer(a, 2);
          String[] parts =
              GoRegex.compile(FunctionArgs.string(a, 0))
                  .split(FunctionArgs.string(a, 1), n < 0 ? -1 : (int) n);
          return n == 0 ? new ArrayList<>() : new ArrayList<Object>(List.of(parts));
        });
    f.put("regexQuoteMeta", unary(s -> s.replaceAll("[\\\\.+*?()|\\[\\]{}^$]", "\\\\$0")));
  }

  private static String title(String s) {
    StringBuilder b = new StringBuilder();
    boolean start = true;
    for (char c : s.toCharArray()) {
      b.append(start ? Character.toTitleCase(c) : c);
      start = Character.isWhitespace(c);
    }
    return b.toString();
  }

  private static String trimChars(String s, String cut) {
    int i = 0;
    int j = s.length();
    while (i < j && cut.indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    while (j > i && cut.indexOf(s.charAt(j - 1)) >= 0) {
      j--;
    }
    return s.substring(i, j);
  }

  private static Map<String, Object> indexed(String[] parts) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      out.put("_" + i, parts[i]);
    }
    return out;
  }

  private static String join(List<Object> a, String q) {
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (o != null) {
        String s = strval(o);
        out.add(q.equals("\"") ? GoFormat.quote(s) : q + s + q);
      }
    }
    return String.join(" ", out);
  }
}
