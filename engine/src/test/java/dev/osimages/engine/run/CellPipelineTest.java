package dev.osimages.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ShippedTree;
import dev.osimages.engine.builder.BuildException;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.Builder;
import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.StageFinished;
import dev.osimages.engine.event.StageStarted;
import dev.osimages.engine.export.CheckedSets;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.run.Scheduler.Outcome;
import dev.osimages.engine.run.Scheduler.Status;
import dev.osimages.engine.verify.Verifier;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-cell pipeline with a builder of the test's own (the stages after the build never run
 * here, since every build below ends in an exception): what each kind of ending becomes, and which
 * cells are not built at all.
 */
class CellPipelineTest {
  @TempDir Path dir;

  private final List<String> built = new ArrayList<>();

  @Test
  void run_builderThrowsANonEngineException_isAnErrorThatKeepsTheException() throws Exception {
    RuntimeException bug = new NullPointerException("rootfs was null");
    CellPipeline pipeline =
        pipeline(
            "mini/13",
            r -> {
              throw bug;
            });

    Outcome o = pipeline.run("mini/13");

    assertThat(o.status()).isEqualTo(Status.ERROR);
    assertThat(o.error()).containsSame(bug);
    assertThat(o.message())
        .isEqualTo(
            "mini/13: build: internal error: java.lang.NullPointerException: rootfs was null");
    CellReport report = pipeline.reports().get("mini/13");
    assertThat(report.status()).isEqualTo(Status.ERROR);
    assertThat(report.error()).containsSame(bug);
  }

  @Test
  void run_builderThrowsAnEngineException_isAFailureWithoutException() throws Exception {
    CellPipeline pipeline =
        pipeline(
            "mini/13",
            r -> {
              throw new BuildException(
                  "Dockerfile:7: RUN apt-get install: exit code 100", List.of("E: no space"));
            });

    Outcome o = pipeline.run("mini/13");

    assertThat(o.status()).isEqualTo(Status.FAILED);
    assertThat(o.error()).isEmpty();
    assertThat(o.message())
        .startsWith("mini/13: build: Dockerfile:7: RUN apt-get install: exit code 100\n")
        .endsWith("E: no space");
    assertThat(pipeline.reports().get("mini/13").error()).isEmpty();
  }

  @Test
  void run_baseOutsideTheSelection_isNotBuiltByItself() throws Exception {
    CellPipeline pipeline =
        pipeline(
            "tools/13",
            r -> {
              throw new AssertionError("must not build");
            });

    Outcome o = pipeline.run("mini/13");

    assertThat(o.status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(built).isEmpty();
    assertThat(pipeline.reports()).doesNotContainKey("mini/13");
  }

  @Test
  void run_derivedCell_buildsItsBaseFirst_andABugThereIsTheDerivedCellsError() throws Exception {
    CellPipeline pipeline =
        pipeline(
            "tools/13",
            r -> {
              throw new IllegalStateException("no layers for " + r.cell());
            });

    Outcome o = pipeline.run("tools/13");

    assertThat(built).containsExactly("mini/13");
    assertThat(o.status()).isEqualTo(Status.ERROR);
    assertThat(o.message())
        .isEqualTo(
            "tools/13: build: internal error: java.lang.IllegalStateException: no"
                + " layers for mini/13");
  }

  @Test
  void run_passingCell_reportsBuildExportAndPublishAsStages_andPublishes() throws Exception {
    // Without its tests: a built tree that verification has nothing to ask.
    Path file = e2e(true);
    Path repo = file.getParent();
    Path rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
    Files.writeString(rootfs.resolve("motd"), "hello\n");
    Files.createDirectories(rootfs.resolveSibling("var/lib/dpkg"));
    Files.writeString(rootfs.resolveSibling("var/lib/dpkg/status"), ""); // no packages
    List<Event> events = new ArrayList<>();
    CellPipeline pipeline =
        pipeline(
            file,
            "mini/13",
            r -> new BuildResult(rootfs.getParent(), "key", List.of(), Duration.ZERO, null),
            events::add);

    Outcome o = pipeline.run("mini/13");

    assertThat(o.status()).as(o.message()).isEqualTo(Status.OK);
    assertThat(repo.resolve("out/stable/mini/13/img.tar.lz4")).isRegularFile();
    assertThat(stages(events))
        .containsExactly(
            "start build",
            "done build",
            "start export tarball",
            "done export tarball",
            "start publish",
            "done publish");
  }

  @Test
  void run_failingBuild_finishesTheBuildStageAsFailed() throws Exception {
    List<Event> events = new ArrayList<>();
    CellPipeline pipeline =
        pipeline(
            e2e(false),
            "mini/13",
            r -> {
              throw new BuildException("Dockerfile:3: RUN false: exit code 1", List.of());
            },
            events::add);

    pipeline.run("mini/13");

    assertThat(stages(events)).containsExactly("start build", "FAILED build");
  }

  /**
   * The end-to-end test declaration (mini/13 bootstrapped, tools/13 and broken/13 built on it; no
   * third-party sources, so nothing is fetched), optionally without its tests.
   */
  private Path e2e(boolean withoutTests) throws Exception {
    Path repo = dir.resolve("e2e");
    ShippedTree.copyTree(Path.of("src/test/resources/e2e"), repo);
    Path file = repo.resolve("images.yaml");
    if (withoutTests) {
      String yaml = Files.readString(file);
      Files.writeString(file, yaml.substring(0, yaml.indexOf("\ntests:")) + "\n");
    }
    return file;
  }

  private static List<String> stages(List<Event> events) {
    List<String> out = new ArrayList<>();
    for (Event e : events) {
      if (e instanceof StageStarted s) {
        out.add(("start " + s.stage() + " " + s.step()).strip());
      } else if (e instanceof StageFinished f) {
        out.add(((f.ok() ? "done " : "FAILED ") + f.stage() + " " + f.step()).strip());
      }
    }
    return out;
  }

  private CellPipeline pipeline(String only, Function<BuildRequest, BuildResult> build)
      throws Exception {
    return pipeline(e2e(false), only, build, e -> {});
  }

  private CellPipeline pipeline(
      Path file, String only, Function<BuildRequest, BuildResult> build, EventListener events)
      throws Exception {
    Workspace.Loaded loaded =
        Workspace.load(
            file,
            new Workspace.Options(
                Map.of(),
                Optional.empty(),
                Selection.of(List.of(only), List.of()),
                Optional.empty()));
    Builder builder =
        new Builder() {
          @Override
          public BuildResult build(BuildRequest request, EventListener events) {
            built.add(request.cell());
            return build.apply(request);
          }

          @Override
          public String recipe() {
            return Builder.recipe("test");
          }
        };
    Path state = Files.createDirectories(dir.resolve("state"));
    return new CellPipeline(
        loaded,
        new CellBuilds(
            builder,
            loaded.plan(),
            state.resolve("rendered"),
            false,
            Hygiene.declared(true),
            events),
        new CellVerification(new Verifier(), Optional.empty(), TargetOptions.defaults(), events),
        new RunOptions(false, 1, state.resolve("tmp")),
        new CheckedSets(state.resolve("checked")),
        "test",
        events);
  }
}
