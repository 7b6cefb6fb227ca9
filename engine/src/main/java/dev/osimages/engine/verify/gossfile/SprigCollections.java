package dev.osimages.engine.verify.gossfile;

import static dev.osimages.engine.verify.gossfile.FunctionArgs.count;
import static dev.osimages.engine.verify.gossfile.FunctionArgs.sprigList;
import static dev.osimages.engine.verify.gossfile.FunctionArgs.strval;

import dev.osimages.engine.verify.gossfile.TemplateFunction.Failure;
import dev.osimages.engine.verify.matcher.GoValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Sprig v3's list and dict functions (lists are copied, never changed in place, except set). */
final class SprigCollections {
  private SprigCollections() {}

  static void register(Map<String, TemplateFunction> f) {
    f.put("list", a -> new ArrayList<>(a));
    f.put("tuple", a -> new ArrayList<>(a));
    f.put(
        "first",
        a -> {
          List<Object> l = one("first", a);
          return l.isEmpty() ? null : l.get(0);
        });
    f.put(
        "last",
        a -> {
          List<Object> l = one("last", a);
          return l.isEmpty() ? null : l.get(l.size() - 1);
        });
    f.put(
        "rest",
        a -> {
          List<Object> l = one("rest", a);
          return l.isEmpty() ? null : new ArrayList<>(l.subList(1, l.size()));
        });
    f.put(
        "initial",
        a -> {
          List<Object> l = one("initial", a);
          return l.isEmpty() ? null : new ArrayList<>(l.subList(0, l.size() - 1));
        });
    f.put(
        "reverse",
        a -> {
          List<Object> l = new ArrayList<>(one("reverse", a));
          java.util.Collections.reverse(l);
          return l;
        });
    f.put(
        "uniq",
        a -> {
          List<Object> out = new ArrayList<>();
          for (Object o : one("uniq", a)) {
            if (out.stream().noneMatch(x -> GoValues.format(x).equals(GoValues.format(o)))) {
              out.add(o);
            }
          }
          return out;
        });
    f.put(
        "compact",
        a -> {
          List<Object> out = new ArrayList<>();
          for (Object o : one("compact", a)) {
            if (!FunctionArgs.empty(o)) {
              out.add(o);
            }
          }
          return out;
        });
    f.put(
        "sortAlpha",
        a -> {
          count(a, 1, 1);
          List<Object> out = new ArrayList<>();
          if (a.get(0) instanceof List<?> l) {
            l.stream().map(FunctionArgs::strval).sorted().forEach(out::add);
          } else {
            out.add(strval(a.get(0)));
          }
          return out;
        });
    f.put("append", SprigCollections::append);
    f.put("push", SprigCollections::append);
    f.put(
        "prepend",
        a -> {
          count(a, 2, 2);
          List<Object> out = new ArrayList<>();
          out.add(a.get(1));
          out.addAll(sprigList("prepend to", a.get(0)));
          return out;
        });
    f.put(
        "concat",
        a -> {
          List<Object> out = new ArrayList<>();
          for (Object o : a) {
            out.addAll(sprigList("concat", o));
          }
          return out;
        });
    f.put(
        "has",
        a -> {
          count(a, 2, 2);
          return a.get(1) != null && contains(sprigList("has", a.get(1)), a.get(0));
        });
    f.put(
        "without",
        a -> {
          count(a, 1, Integer.MAX_VALUE);
          List<Object> out = new ArrayList<>();
          List<Object> drop = a.subList(1, a.size());
          for (Object o : sprigList("without", a.get(0))) {
            if (!contains(drop, o)) {
              out.add(o);
            }
          }
          return out;
        });
    f.put(
        "join",
        a -> {
          count(a, 2, 2);
          Object v = a.get(1);
          if (!(v instanceof List<?> l)) {
            return strval(v);
          }
          List<String> parts = new ArrayList<>();
          l.forEach(o -> parts.add(strval(o)));
          return String.join(FunctionArgs.string(a, 0), parts);
        });
    f.put(
        "until",
        a -> {
          count(a, 1, 1);
          return range(0, FunctionArgs.integer(a, 0), 1);
        });
    f.put(
        "untilStep",
        a -> {
          count(a, 3, 3);
          return range(
              FunctionArgs.integer(a, 0), FunctionArgs.integer(a, 1), FunctionArgs.integer(a, 2));
        });
    dicts(f);
  }

  private static void dicts(Map<String, TemplateFunction> f) {
    f.put(
        "dict",
        a -> {
          Map<String, Object> out = new LinkedHashMap<>();
          for (int i = 0; i < a.size(); i += 2) {
            out.put(strval(a.get(i)), i + 1 < a.size() ? a.get(i + 1) : "");
          }
          return out;
        });
    f.put(
        "get",
        a -> {
          count(a, 2, 2);
          Object v = FunctionArgs.map(a, 0).get(FunctionArgs.string(a, 1));
          return v == null ? "" : v;
        });
    f.put(
        "hasKey",
        a -> {
          count(a, 2, 2);
          return FunctionArgs.map(a, 0).containsKey(FunctionArgs.string(a, 1));
        });
    f.put(
        "set",
        a -> {
          count(a, 3, 3);
          Map<String, Object> m = FunctionArgs.map(a, 0);
          try {
            m.put(FunctionArgs.string(a, 1), a.get(2));
          } catch (UnsupportedOperationException e) {
            throw new Failure("set on a map of .Vars or .Env: those are read-only here; use dict");
          }
          return m;
        });
    f.put(
        "keys",
        a -> {
          TreeSet<String> keys = new TreeSet<>(); // Go's map order is random; sorted is one of them
          for (int i = 0; i < a.size(); i++) {
            keys.addAll(FunctionArgs.map(a, i).keySet());
          }
          return new ArrayList<Object>(keys);
        });
    f.put(
        "values",
        a -> {
          count(a, 1, 1);
          return new ArrayList<Object>(new java.util.TreeMap<>(FunctionArgs.map(a, 0)).values());
        });
    f.put(
        "pluck",
        a -> {
          count(a, 1, Integer.MAX_VALUE);
          List<Object> out = new ArrayList<>();
          for (int i = 1; i < a.size(); i++) {
            Map<String, Object> m = FunctionArgs.map(a, i);
            if (m.containsKey(FunctionArgs.string(a, 0))) {
              out.add(m.get(FunctionArgs.string(a, 0)));
            }
          }
          return out;
        });
    f.put("pick", a -> select(a, true));
    f.put("omit", a -> select(a, false));
  }

  private static Object select(List<Object> a, boolean keep) throws Failure {
    count(a, 1, Integer.MAX_VALUE);
    List<Object> names = a.subList(1, a.size());
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : FunctionArgs.map(a, 0).entrySet()) {
      if (names.contains(e.getKey()) == keep) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static List<Object> one(String fn, List<Object> a) throws Failure {
    count(a, 1, 1);
    return sprigList("find " + fn + " element", a.get(0));
  }

  private static Object append(List<Object> a) throws Failure {
    count(a, 2, 2);
    List<Object> out = new ArrayList<>(sprigList("push", a.get(0)));
    out.add(a.get(1));
    return out;
  }

  private static boolean contains(List<Object> l, Object o) {
    for (Object x : l) {
      if (GoValues.format(x).equals(GoValues.format(o))
          && GoValues.typeName(x).equals(GoValues.typeName(o))) {
        return true;
      }
    }
    return false;
  }

  private static List<Object> range(long start, long stop, long step) {
    List<Object> out = new ArrayList<>();
    if (step == 0) {
      return out;
    }
    for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
      out.add(i);
    }
    return out;
  }
}
