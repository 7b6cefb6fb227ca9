package dev.osimages.engine.verify.gossfile;

import static dev.osimages.engine.verify.gossfile.FunctionArgs.count;
import static dev.osimages.engine.verify.gossfile.FunctionArgs.string;

import dev.osimages.engine.verify.gossfile.TemplateFunction.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * goss's own template functions (v0.4): mkSlice, getEnv, readFile, regexMatch, toUpper, toLower.
 * They are registered after Sprig's, so they win where the names collide, as in goss.
 */
final class GossFunctions {
  private GossFunctions() {}

  static void register(
      Map<String, TemplateFunction> f, Map<String, String> env, ImageFiles files, Path suiteDir) {
    f.put("mkSlice", a -> new ArrayList<>(a));
    f.put(
        "getEnv",
        a -> {
          count(a, 1, 2);
          String v = env.getOrDefault(string(a, 0), "");
          return v.isEmpty() && a.size() > 1 ? string(a, 1) : v;
        });
    f.put(
        "readFile",
        a -> {
          count(a, 1, 1);
          return readFile(string(a, 0), files, suiteDir).strip();
        });
    f.put(
        "regexMatch",
        a -> {
          count(a, 2, 2);
          return GoRegex.compile(string(a, 0)).matcher(string(a, 1)).find();
        });
    f.put(
        "toUpper",
        a -> {
          count(a, 1, 1);
          return string(a, 0).toUpperCase(Locale.ROOT);
        });
    f.put(
        "toLower",
        a -> {
          count(a, 1, 1);
          return string(a, 0).toLowerCase(Locale.ROOT);
        });
  }

  /**
   * An absolute path is the image's file; a relative one lies beside the suite and may not leave
   * the suite's directory (the engine runs as root: a suite must not read the host's files).
   */
  private static String readFile(String path, ImageFiles files, Path suiteDir) throws Failure {
    try {
      if (path.startsWith("/")) {
        return files.read(path);
      }
      if (suiteDir == null) {
        throw new Failure("open " + path + ": no suite directory to read relative paths from");
      }
      Path p = suiteDir.resolve(path).normalize();
      if (!p.startsWith(suiteDir) || !p.toRealPath().startsWith(suiteDir.toRealPath())) {
        throw new Failure("open " + path + ": leaves the suite's directory");
      }
      return Files.readString(p);
    } catch (IOException e) {
      throw new Failure("open " + path + ": " + describe(e));
    } catch (PatternSyntaxException e) {
      throw new Failure(e.getMessage());
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    return e.getMessage();
  }

  /** The names goss adds to Sprig's (for messages). */
  static List<String> names() {
    return List.of("mkSlice", "getEnv", "readFile", "regexMatch", "toUpper", "toLower");
  }
}
