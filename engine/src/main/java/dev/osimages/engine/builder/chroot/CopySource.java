package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.builder.BuildContext;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where COPY and ADD read: the build context, seen as BuildKit receives it (the roots merged,
 * without what {@code .dockerignore} leaves out; owners become 0:0 and only {@code user.} extended
 * attributes travel), or another stage's root filesystem, a read-only view of its layers (owners
 * and every extended attribute kept). Paths resolve inside the source, symlinks included, so
 * nothing outside it is ever read.
 */
final class CopySource {
  private final LayerStack view;
  private final boolean stage;
  private final String name;

  private CopySource(LayerStack view, boolean stage, String name) {
    this.view = view;
    this.stage = stage;
    this.name = name;
  }

  /** The build context. */
  static CopySource context(BuildContext ctx) {
    return context(ctx, "the build context");
  }

  /** A build context called {@code name} in messages (a named context). */
  static CopySource context(BuildContext ctx, String name) {
    return new CopySource(new LayerStack(ctx.roots(), ctx::excluded), false, name);
  }

  /**
   * A plain directory read as a build context is (owners become 0:0, only {@code user.} extended
   * attributes travel), without a {@code .dockerignore}: e.g. files the engine made for a step.
   */
  static CopySource directory(Path dir, String name) {
    return new CopySource(new LayerStack(List.of(dir)), false, name);
  }

  /** A stage's (or another build's) root filesystem, called {@code name} in messages. */
  static CopySource stage(Path rootfs, String name) {
    return new CopySource(new LayerStack(List.of(rootfs)), true, name);
  }

  LayerStack view() {
    return view;
  }

  /** True for a stage: owners and every extended attribute are kept. */
  boolean isStage() {
    return stage;
  }

  /** "the build context" or "stage NAME", for messages. */
  String describe() {
    return name;
  }

  /**
   * The real paths that make up the source path {@code rel} (symlinks followed inside the source):
   * for a directory, that directory in every layer (context root) that has it, bottom first, so
   * that stacking them gives the merged tree; else the one entry; empty when it does not exist.
   * What bind mounts are made of.
   */
  List<Path> reals(String rel) {
    String r = view.resolve(rel, true);
    return view.find(r).isEmpty() ? List.of() : view.all(r);
  }

  /**
   * The paths {@code source} names, as BuildKit resolves them: the path is cleaned as an absolute
   * path ({@code ..} stops at the root); up to the first component with a wildcard it is followed
   * through symlinks, the rest matches entries below it ({@code * ? [..]} within a component, a
   * matching directory is not entered). A wildcard that matches nothing yields nothing; a plain
   * path is returned whether or not it exists.
   */
  List<String> match(String source) {
    List<String> parts = new ArrayList<>();
    for (String c : source.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(c);
      }
    }
    int first = 0;
    while (first < parts.size() && !hasWildcard(parts.get(first))) {
      first++;
    }
    String fixed = String.join("/", parts.subList(0, first));
    if (first == parts.size()) {
      return List.of(fixed);
    }
    String base = view.resolve(fixed, true);
    Optional<Path> dir = view.find(base);
    if (dir.isEmpty() || !Files.isDirectory(dir.get(), LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    Pattern re = glob(String.join("/", parts.subList(first, parts.size())));
    int depth = parts.size() - first;
    List<String> out = new ArrayList<>();
    walk(base, "", re, depth, out);
    return out;
  }

  private void walk(String base, String rel, Pattern re, int depth, List<String> out) {
    String dir = join(base, rel);
    for (String n : view.list(dir)) {
      String r = join(rel, n);
      if (re.matcher(r).matches()) {
        out.add(join(base, r));
      } else if (r.split("/").length < depth
          && view.find(join(base, r))
              .map(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
              .orElse(false)) {
        walk(base, r, re, depth, out);
      }
    }
  }

  /** True if a path component has a wildcard ({@code \} escapes the next character). */
  static boolean hasWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /**
   * Go's {@code filepath.Match} as a regular expression: {@code *} and {@code ?} within a
   * component, {@code [..]} with {@code ^} for negation, {@code \} escaping. A malformed pattern
   * matches nothing, as BuildKit ignores its error.
   */
  static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (++i < pattern.length()) {
            re.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
          }
        }
        case '[' -> {
          int close = pattern.indexOf(']', i + 2);
          if (close < 0) {
            return Pattern.compile("(?!)");
          }
          re.append('[');
          int j = i + 1;
          if (pattern.charAt(j) == '^') {
            re.append('^');
            j++;
          }
          for (; j < close; j++) {
            char k = pattern.charAt(j);
            if (k == '\\' && j + 1 < close) {
              k = pattern.charAt(++j);
            } else if (k == '-') {
              re.append('-');
              continue;
            }
            re.append(Character.isLetterOrDigit(k) ? String.valueOf(k) : "\\" + k);
          }
          re.append(']');
          i = close;
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    try {
      return Pattern.compile(re.toString());
    } catch (java.util.regex.PatternSyntaxException e) {
      return Pattern.compile("(?!)");
    }
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
  }
}
