package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.builder.NamedContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code --build-context NAME=DIR|cell:ID} and {@code --secret id=ID[,src=FILE|env=VAR]}
 * options of {@code engine build --dockerfile}, read as {@code docker buildx build} reads them.
 * Every malformed value is one line naming the option as given (exit 2).
 */
final class BuildInputs {
  private BuildInputs() {}

  /**
   * The named contexts; {@code cells} builds a cell of the declaration (and its bases) and returns
   * its result, for {@code NAME=cell:ID}.
   */
  static Map<String, NamedContext> contexts(
      List<String> values, Function<String, BuildResult> cells) {
    Map<String, NamedContext> out = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      String name = eq < 0 ? "" : v.substring(0, eq);
      String where = eq < 0 ? "" : v.substring(eq + 1);
      if (eq <= 0 || where.isEmpty()) {
        throw invalid("--build-context " + v + ": expected NAME=DIR or NAME=cell:ID");
      }
      if (!NamedContext.validName(name)) {
        throw invalid(
            "--build-context "
                + v
                + ": '"
                + name
                + "' is not a context name (lower-case letters, digits, '.', '_', '-')");
      }
      if (out.containsKey(name)) {
        throw invalid("--build-context " + v + ": context '" + name + "' is given twice");
      }
      out.put(name, context(v, where, cells));
    }
    return out;
  }

  private static NamedContext context(
      String option, String where, Function<String, BuildResult> cells) {
    if (where.startsWith("cell:")) {
      String id = where.substring("cell:".length());
      BuildResult r = cells.apply(id);
      return new NamedContext.Image(id, r.asBase());
    }
    if (where.matches("^[a-z][a-z0-9+.-]*://.*") || where.startsWith("target:")) {
      throw invalid(
          "--build-context "
              + option
              + ": only a directory or cell:ID is supported here (image, URL and bake target"
              + " contexts are not)");
    }
    Path dir = Path.of(where);
    if (!Files.isDirectory(dir)) {
      throw invalid("--build-context " + option + ": directory " + dir + " not found");
    }
    return new NamedContext.Local(BuildContext.of(dir.toAbsolutePath()));
  }

  /** The secrets by id. */
  static Map<String, BuildSecret> secrets(List<String> values) {
    Map<String, BuildSecret> out = new LinkedHashMap<>();
    for (String v : values) {
      Map<String, String> f = fields(v);
      String id = f.getOrDefault("id", "");
      if (id.isEmpty()) {
        throw invalid("--secret " + v + ": expected id=ID[,src=FILE|env=VAR]");
      }
      String src = f.getOrDefault("src", f.getOrDefault("source", ""));
      String env = f.getOrDefault("env", "");
      String type = f.getOrDefault("type", src.isEmpty() ? "env" : "file");
      if (!src.isEmpty() && !env.isEmpty()) {
        throw invalid("--secret " + v + ": give src or env, not both");
      }
      if (type.equals("file")) {
        Path file = Path.of(src.isEmpty() ? id : src);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
          throw invalid("--secret " + v + ": secret file " + file + " not found or not readable");
        }
        out.put(id, new BuildSecret.FromFile(file.toAbsolutePath()));
      } else if (type.equals("env")) {
        String var = env.isEmpty() ? (src.isEmpty() ? id : src) : env;
        if (System.getenv(var) == null) {
          throw invalid("--secret " + v + ": environment variable " + var + " is not set");
        }
        out.put(id, new BuildSecret.FromEnv(var));
      } else {
        throw invalid("--secret " + v + ": type=" + type + " (expected file or env)");
      }
    }
    return out;
  }

  private static Map<String, String> fields(String v) {
    Map<String, String> f = new LinkedHashMap<>();
    for (String part : v.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw invalid("--secret " + v + ": '" + part + "' is not KEY=VALUE");
      }
      String key = part.substring(0, eq);
      if (!List.of("id", "src", "source", "env", "type").contains(key)) {
        throw invalid(
            "--secret " + v + ": unknown key '" + key + "' (expected id, src, env, type)");
      }
      f.put(key, part.substring(eq + 1));
    }
    return f;
  }

  private static EngineException invalid(String message) {
    return new EngineException(message, ExitCode.INVALID);
  }
}
