package dev.osimages.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the engine's command line in-process (or in a JVM of its own) and captures what it prints.
 */
record Cli(int code, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(code, out.toString(), err.toString());
  }

  /**
   * Runs the command line in a new JVM, its environment changed by {@code env}, for what only the
   * environment decides (such as HOME): from the packaged engine.jar as bin/engine runs it when the
   * tests run on that jar (failsafe), else on the test classpath. Output goes through files in
   * {@code scratch}; the run must end within 5 minutes.
   */
  static Cli inNewJvm(Consumer<Map<String, String>> env, Path scratch, String... args)
      throws IOException, InterruptedException {
    return inNewJvm(List.of(), env, scratch, args);
  }

  /**
   * As {@link #inNewJvm(Consumer, Path, String...)}, the JVM started through {@code prefix} (e.g.
   * {@code nsenter -t PID --net --mount --}, to run the engine in namespaces a test made).
   */
  static Cli inNewJvm(
      List<String> prefix, Consumer<Map<String, String>> env, Path scratch, String... args)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(prefix);
    argv.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            classpath(),
            Main.class.getName()));
    argv.addAll(List.of(args));
    Path out = Files.createTempFile(scratch, "engine-", ".out");
    Path err = Files.createTempFile(scratch, "engine-", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
    env.accept(pb.environment());
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException(
          "engine " + String.join(" ", args) + " did not end in 5 minutes");
    }
    return new Cli(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String classpath() {
    try {
      Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // The shaded jar holds every dependency; adding them again duplicates slf4j's binding.
      return code.toString().endsWith(".jar")
          ? code.toString()
          : System.getProperty("java.class.path");
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
