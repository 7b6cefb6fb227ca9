package dev.osimages.engine.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} file as Docker reads it and BuildKit's context transfer applies it:
 * comment lines start with {@code #}, patterns are cleaned paths relative to the context (a leading
 * {@code /} is dropped), {@code *} and {@code ?} stay within a path component, {@code **} spans any
 * number of them, {@code !} makes an exception, and the last pattern that matches a path (or one of
 * its parent directories) decides. An excluded directory is still entered when an exception pattern
 * names a path under it literally, as BuildKit's walk does, so {@code docs} with {@code
 * !docs/keep.md} keeps {@code docs/keep.md}, while {@code !**}{@code /keep.md} keeps nothing under
 * an excluded directory.
 */
public final class DockerIgnore {
  /** No patterns: nothing is excluded. */
  public static final DockerIgnore NONE = new DockerIgnore(List.of());

  private record Rule(String pattern, boolean exception, Pattern regex, int dirs) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Parses {@code text}; a pattern that cannot be matched (an unclosed {@code [}, a lone {@code !})
   * is an error naming {@code file:line}.
   */
  public static DockerIgnore parse(String file, String text) {
    List<Rule> rules = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
      if (line.startsWith("#")) {
        continue;
      }
      String p = line.strip();
      if (p.isEmpty()) {
        continue;
      }
      boolean exception = p.startsWith("!");
      if (exception) {
        p = p.substring(1).strip();
        if (p.isEmpty()) {
          throw new BuildContext.ContextException(
              file + ":" + (i + 1) + ": illegal exclusion pattern \"!\"", null);
        }
      }
      p = clean(p);
      if (p.length() > 1 && p.startsWith("/")) {
        p = p.substring(1);
      }
      if (p.equals(".")) {
        continue;
      }
      try {
        checkClasses(p);
        rules.add(new Rule(p, exception, Pattern.compile(regex(p)), p.split("/", -1).length));
      } catch (IllegalArgumentException e) {
        throw new BuildContext.ContextException(
            file + ":" + (i + 1) + ": bad pattern " + line.strip() + ": " + e.getMessage(), e);
      }
    }
    return new DockerIgnore(rules);
  }

  /** True when the patterns exclude {@code rel} itself (the last matching pattern decides). */
  public boolean matches(String rel) {
    boolean matched = false;
    int slash = rel.lastIndexOf('/');
    String[] parents = slash < 0 ? new String[0] : rel.substring(0, slash).split("/");
    for (Rule r : rules) {
      boolean m = r.regex().matcher(rel).matches();
      if (!m && parents.length > 0 && r.dirs() <= parents.length) {
        m = r.regex().matcher(String.join("/", List.of(parents).subList(0, r.dirs()))).matches();
      }
      if (m) {
        matched = !r.exception();
      }
    }
    return matched;
  }

  /**
   * True when {@code rel} is left out of the context: it is excluded and not a directory that an
   * exception pattern names a path under, or one of its parent directories is left out.
   */
  public boolean excludes(String rel, boolean isDirectory) {
    if (rules.isEmpty() || rel.isEmpty()) {
      return false;
    }
    for (int slash = rel.indexOf('/'); slash >= 0; slash = rel.indexOf('/', slash + 1)) {
      String parent = rel.substring(0, slash);
      if (matches(parent) && !entered(parent)) {
        return true;
      }
    }
    return matches(rel) && !(isDirectory && entered(rel));
  }

  /** True when an exception pattern names something under the excluded directory {@code dir}. */
  private boolean entered(String dir) {
    for (Rule r : rules) {
      if (r.exception() && (r.pattern() + "/").startsWith(dir + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Go's {@code filepath.Clean} for slash-separated paths. */
  private static String clean(String p) {
    boolean abs = p.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String c : p.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
        out.remove(out.size() - 1);
      } else if (!(c.equals("..") && abs)) {
        out.add(c);
      }
    }
    String s = String.join("/", out);
    return abs ? "/" + s : s.isEmpty() ? "." : s;
  }

  /** Docker's translation of a pattern into a regular expression (fileutils.Pattern.compile). */
  private static String regex(String p) {
    StringBuilder re = new StringBuilder("^");
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*') {
        if (i + 1 < p.length() && p.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < p.length() && p.charAt(i + 1) == '/') {
            i++;
          }
          re.append(i + 1 >= p.length() ? ".*" : "(.*/)?");
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '.' || c == '$') {
        re.append('\\').append(c);
      } else if (c == '\\') {
        re.append('\\');
        if (i + 1 < p.length()) {
          re.append(p.charAt(++i));
        }
      } else {
        re.append(c);
      }
    }
    return re.append('$').toString();
  }

  /** Go's filepath.Match rejects an unclosed character class; so does Docker. */
  private static void checkClasses(String p) {
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[' && p.indexOf(']', i + 2) < 0) {
        throw new IllegalArgumentException("unclosed [");
      }
    }
  }
}
