package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.Builder;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.state.StateDir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine run} does not hide bugs, and the command line's error handling (ErrorHandler) tells
 * an engine bug from an engine verdict: a cell whose build ends in an exception other than the
 * engine's own (here a NullPointerException from a builder put under the real command line) makes
 * the run exit INTERNAL (70), and {@code --stacktrace} prints where it happened.
 */
class RunInternalErrorTest {
  @TempDir Path dir;

  /** A builder with a bug: it dereferences a build argument nobody passed. */
  static final class NullDereferencingBuilder implements Builder {
    @Override
    public BuildResult build(BuildRequest request, EventListener events) {
      String release = request.buildArgs().get("RELEASE_NOBODY_SET");
      throw new IllegalStateException("unreachable: " + release.length());
    }

    @Override
    public String recipe() {
      return Builder.recipe("null-dereferencing");
    }
  }

  @Test
  void run_cellWithNullPointerException_exitsInternal_andStacktraceShowsIt() throws Exception {
    Result r = run("--stacktrace");

    assertThat(r.code).isEqualTo(ExitCode.INTERNAL.code()).isEqualTo(70);
    assertThat(r.out).containsPattern("mini/13 +error ");
    assertThat(r.err)
        .contains("engine: mini/13: build: internal error: java.lang.NullPointerException")
        .contains("\tat " + NullDereferencingBuilder.class.getName() + ".build(");
  }

  @Test
  void run_cellWithNullPointerException_withoutStacktrace_saysHowToSeeIt() throws Exception {
    Result r = run();

    assertThat(r.code).isEqualTo(ExitCode.INTERNAL.code());
    assertThat(r.out).contains("mini/13: build: internal error: java.lang.NullPointerException");
    assertThat(r.err).contains("run again with --stacktrace").doesNotContain("\tat ");
  }

  @Test
  void run_builderThatCannotBeOpened_isAnInternalErrorOfTheCommand() throws Exception {
    Result r = runWith(RunInternalErrorTest::unopenable);

    assertThat(r.code).isEqualTo(ExitCode.INTERNAL.code());
    assertThat(r.err)
        .isEqualTo(
            "engine: internal error: java.lang.NullPointerException: Cannot invoke"
                + " \"Object.getClass()\" because the return value of \"java.util.Map.get(Object)\""
                + " is null\n"
                + "Run again with --stacktrace to see where.\n");
  }

  @Test
  void run_builderThatCannotBeOpened_withStacktrace_printsWhere() throws Exception {
    Result r = runWith(RunInternalErrorTest::unopenable, "--stacktrace");

    assertThat(r.code).isEqualTo(ExitCode.INTERNAL.code());
    assertThat(r.err)
        .startsWith("engine: internal error: java.lang.NullPointerException: Cannot invoke")
        .contains("\tat " + RunInternalErrorTest.class.getName() + ".unopenable(")
        .doesNotContain("Run again");
  }

  @Test
  void run_builderRefusedByTheEngine_isOneLineWithItsExitCode() throws Exception {
    Result r =
        runWith(
            (backend, state) -> {
              throw new EngineException("no daemon at unix:///nowhere", ExitCode.ENVIRONMENT);
            });

    assertThat(r.code).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(r.err).isEqualTo("engine: no daemon at unix:///nowhere\n");
  }

  /** A builder source with a bug: it dereferences what it never looked up. */
  private static Builder unopenable(Backends.Kind backend, StateDir state) {
    Map<Backends.Kind, Builder> known = Map.of();
    return known.get(backend).getClass().cast(null);
  }

  private record Result(int code, String out, String err) {}

  private Result run(String... extra) throws Exception {
    return runWith((backend, state) -> new NullDereferencingBuilder(), extra);
  }

  private Result runWith(Backends.BuilderSource builders, String... extra) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] base = args();
    String[] all = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), builders, all);
    return new Result(code, out.toString(), err.toString());
  }

  private String[] args() throws Exception {
    // The end-to-end declaration: no third-party sources, so nothing is fetched before the build.
    Path file = dir.resolve("repo/images.yaml");
    TestFiles.copyResources("e2e", file.getParent());
    return new String[] {
      "run",
      "--matrix",
      "-f",
      file.toString(),
      "--only",
      "mini/13",
      "--state-dir",
      dir.resolve("state").toString(),
      "-q"
    };
  }
}
