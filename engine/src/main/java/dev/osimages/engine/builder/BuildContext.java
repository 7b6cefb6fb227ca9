package dev.osimages.engine.builder;

import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A build context made of directories merged in order, later ones overriding earlier ones, seen as
 * one tree of relative paths. Every lookup stays inside the roots: {@code ..} that climbs out, or a
 * symlink whose target leaves its root, is an error naming the file.
 */
public final class BuildContext {
  private final List<Path> roots;

  private BuildContext(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /** A context over {@code roots} (earliest first; they must exist). */
  public static BuildContext of(List<Path> roots) {
    List<Path> real = new ArrayList<>();
    for (Path r : roots) {
      try {
        real.add(r.toRealPath());
      } catch (IOException e) {
        throw new ContextException("build context directory not found: " + r, e);
      }
    }
    return new BuildContext(real);
  }

  /** A one-directory context. */
  public static BuildContext of(Path root) {
    return of(List.of(root));
  }

  /** The roots, earliest first. */
  public List<Path> roots() {
    return roots;
  }

  /**
   * The relative paths matching {@code pattern} ({@code *}, {@code ?} and {@code [..]} per path
   * component, as Docker), sorted; a pattern without wildcards yields itself if it exists.
   */
  public List<String> match(String pattern) {
    List<String> prefixes = List.of("");
    for (String part : clean(pattern).split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      List<String> next = new ArrayList<>();
      for (String prefix : prefixes) {
        if (!hasWildcard(part)) {
          String p = join(prefix, part);
          if (exists(p)) {
            next.add(p);
          }
          continue;
        }
        Pattern re = glob(part);
        for (String child : list(prefix)) {
          if (re.matcher(child).matches()) {
            next.add(join(prefix, child));
          }
        }
      }
      prefixes = next;
    }
    return prefixes.stream().sorted().toList();
  }

  /** True if {@code rel} is a directory in the merged tree (symlinks followed, inside roots). */
  public boolean isDirectory(String rel) {
    return real(rel).map(Files::isDirectory).orElse(false);
  }

  /** The real file for {@code rel}: from the last root that has it, link-checked. */
  public Optional<Path> real(String rel) {
    String c = clean(rel);
    for (int i = roots.size() - 1; i >= 0; i--) {
      Path root = roots.get(i);
      Path p = root.resolve(c);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(inside(root, p, c));
      }
    }
    return Optional.empty();
  }

  /**
   * What copying {@code rel} reads: for a directory, that directory in every root that has it,
   * earliest first, so copying them in order gives the merged tree (later roots win file by file);
   * for anything else, the one real file {@link #real} names.
   */
  public List<Path> sources(String rel) {
    String c = clean(rel);
    if (!isDirectory(c)) {
      return real(c).map(List::of).orElse(List.of());
    }
    List<Path> dirs = new ArrayList<>();
    for (Path root : roots) {
      Path p = c.isEmpty() ? root : root.resolve(c);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Path dir = inside(root, p, c);
        if (Files.isDirectory(dir)) {
          dirs.add(dir);
        }
      }
    }
    return List.copyOf(dirs);
  }

  /** The merged children names of directory {@code rel}, sorted. */
  public List<String> list(String rel) {
    String c = clean(rel);
    TreeSet<String> names = new TreeSet<>();
    for (Path root : roots) {
      Path p = c.isEmpty() ? root : root.resolve(c);
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Path dir = inside(root, p, c);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        s.forEach(x -> names.add(x.getFileName().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list context directory " + dir, e);
      }
    }
    return List.copyOf(names);
  }

  private boolean exists(String rel) {
    return real(rel).isPresent();
  }

  /** Fails unless {@code p} (links resolved) stays inside {@code root}. */
  private static Path inside(Path root, Path p, String rel) {
    try {
      Path real = p.toRealPath();
      if (!real.startsWith(root)) {
        throw new ContextException(
            "context file " + rel + " (" + p + ") points outside the build context to " + real,
            null);
      }
      return real;
    } catch (IOException e) {
      throw new ContextException("context file " + rel + " is a dangling link: " + p, e);
    }
  }

  /** Normalizes a context-relative path; fails when it climbs out of the context. */
  public static String clean(String rel) {
    Path n = Path.of("/").resolve(rel.isEmpty() ? "." : rel).normalize();
    String s = n.toString().substring(1);
    if (s.startsWith("..") || Path.of(rel).normalize().startsWith("..")) {
      throw new ContextException("source " + rel + " is outside the build context", null);
    }
    return s;
  }

  private static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  /** The regular expression for one path component of a Docker glob ({@code * ? [..]}). */
  public static Pattern glob(String part) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '[' -> {
          int close = part.indexOf(']', i + 1);
          if (close < 0) {
            re.append("\\[");
          } else {
            String cls = part.substring(i + 1, close);
            if (cls.startsWith("!") || cls.startsWith("^")) {
              cls = "^" + cls.substring(1);
            }
            re.append('[').append(cls.replace("\\", "\\\\")).append(']');
            i = close;
          }
        }
        case '\\' -> {
          if (i + 1 < part.length()) {
            re.append(Pattern.quote(String.valueOf(part.charAt(++i))));
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** A context lookup that would leave the context or cannot be read. */
  public static final class ContextException extends dev.osimages.engine.EngineException {
    ContextException(String message, Throwable cause) {
      super(message, ExitCode.INVALID, cause);
    }
  }
}
