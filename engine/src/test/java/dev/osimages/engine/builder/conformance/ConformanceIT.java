package dev.osimages.engine.builder.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.chroot.ChrootBuilder;
import dev.osimages.engine.builder.docker.Dockerd;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.host.LayerView;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.state.StateDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential conformance suite: every case under {@code src/test/resources/conformance/} is
 * built by the chroot backend and by BuildKit (dockerd 20.10's, private daemon, no network), both
 * from the same base tarball, and the two root filesystems are compared member by member. A case
 * passes when the differences are exactly its {@code expected-differences.txt} (usually none).
 * BuildKit builds run on a thread of their own while the chroot builds run here, one daemon for all
 * cases.
 */
class ConformanceIT {
  static final Path SUITE = Path.of("src/test/resources/conformance");
  static final String BASE_REF = "conformance-base";
  static Path tmp;
  static Dockerd dockerd;
  static Path baseTar;
  static StateDir state;
  static ExecutorService buildkitThread;
  static ExecutorService dockerThread;
  static DockerSide docker;
  static CaseInputs inputs;
  static long started;

  /**
   * Empty directories a container's export has whether or not the image has them (Docker's init
   * layer and mount points): one row of the documented differences, not repeated per case.
   */
  static final Set<String> EXPORT_DIRS =
      Set.of(
          "dev: only in docker (dir 0:0 0755)",
          "dev/pts: only in docker (dir 0:0 0755)",
          "dev/shm: only in docker (dir 0:0 0755)",
          "proc: only in docker (dir 0:0 0755)",
          "sys: only in docker (dir 0:0 0755)",
          "etc: only in docker (dir 0:0 0755)");

  @BeforeAll
  static void setUp() throws Exception {
    NeedsRoot.assume("a private dockerd, namespaces, overlayfs and chroot");
    started = System.nanoTime();
    tmp = Files.createTempDirectory(Path.of("/var/tmp"), "conformance-it-");
    baseTar = tmp.resolve("base.tar");
    String made =
        BuildKitSide.run(
            List.of(
                "bash",
                SUITE.resolve("make-base.sh").toString(),
                tmp.resolve("base").toString(),
                baseTar.toString()),
            Map.of());
    assertThat(made).as("make-base.sh").isNull();
    Trees.delete(tmp.resolve("base"));
    dockerd = Dockerd.start();
    new BuildKitSide(dockerd.host()).importImage(baseTar, BASE_REF);
    state = new StateDir(tmp.resolve("state"));
    buildkitThread = Executors.newSingleThreadExecutor();
    dockerThread = Executors.newSingleThreadExecutor();
    docker = new DockerSide(dockerd.host(), tmp.resolve("docker-state"));
    inputs = new CaseInputs(tmp, baseTar);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (buildkitThread != null) {
      buildkitThread.shutdownNow();
      dockerThread.shutdownNow();
    }
    if (docker != null) {
      docker.close();
    }
    if (inputs != null) {
      inputs.close();
    }
    if (dockerd != null) {
      dockerd.close();
    }
    System.out.printf("conformance: all cases in %.1f s%n", (System.nanoTime() - started) / 1e9);
    Trees.delete(tmp);
  }

  @TestFactory
  Stream<DynamicTest> everyCase_buildsTheSameTreeAsBuildKit() throws Exception {
    Set<String> only = Set.of(System.getProperty("conformance.cases", "").split(","));
    List<ConformanceCase> cases =
        ConformanceCase.all(SUITE).stream()
            .filter(c -> only.equals(Set.of("")) || only.contains(c.name()))
            .toList();
    Map<ConformanceCase, Path> contexts = new LinkedHashMap<>();
    Map<ConformanceCase, Future<BuildKitSide.Outcome>> buildkit = new LinkedHashMap<>();
    Map<ConformanceCase, Future<BuildKitSide.Outcome>> daemon = new LinkedHashMap<>();
    BuildKitSide bk = new BuildKitSide(dockerd.host());
    for (ConformanceCase c : cases) {
      Path ctx = inputs.context(c);
      contexts.put(c, ctx);
      Path df = c.buildkitDockerfile().orElse(ctx.resolve("Dockerfile"));
      Path out = tmp.resolve("buildkit").resolve(c.name());
      buildkit.put(
          c, buildkitThread.submit(() -> bk.build(ctx, df, inputs.args(c), c.buildSecrets(), out)));
      if (c.expectedFailure().isEmpty()) {
        Path tree = tmp.resolve("docker").resolve(c.name());
        daemon.put(c, dockerThread.submit(() -> docker.build(inputs.request(c, ctx), tree)));
      }
    }
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      check(c, contexts.get(c), buildkit.get(c).get(10, TimeUnit.MINUTES));
                      if (daemon.containsKey(c)) {
                        checkDocker(
                            c,
                            buildkit.get(c).get(10, TimeUnit.MINUTES),
                            daemon.get(c).get(10, TimeUnit.MINUTES));
                      }
                    }));
  }

  /**
   * The Docker backend (the daemon's classic builder) against BuildKit: the differences must be
   * exactly the case's {@code expected-differences-docker.txt}; a failure is one line {@code docker
   * backend fails: MESSAGE'S FIRST LINE}.
   */
  private static void checkDocker(
      ConformanceCase c, BuildKitSide.Outcome bk, BuildKitSide.Outcome ours) throws Exception {
    List<String> diff =
        ours.ok()
            ? TreeDiff.of("docker", TreeListing.of(ours.rootfs()), TreeListing.of(bk.rootfs()))
                .stream()
                .filter(l -> !EXPORT_DIRS.contains(l))
                .toList()
            : List.of("docker backend fails: " + ours.output().split("\n")[0]);
    assertThat(diff)
        .as("differences of the Docker backend from BuildKit in %s", c.name())
        .isEqualTo(matching(c.expectedDockerDifferences(), diff));
  }

  /**
   * {@code expected}, where a line ending in "..." stands for the actual line it begins (for a
   * refusal whose wording belongs to another part of the engine).
   */
  static List<String> matching(List<String> expected, List<String> actual) {
    return expected.stream()
        .map(
            e ->
                e.endsWith("...")
                    ? actual.stream()
                        .filter(a -> a.startsWith(e.substring(0, e.length() - 3)))
                        .findFirst()
                        .orElse(e)
                    : e)
        .toList();
  }

  private static void check(ConformanceCase c, Path ctx, BuildKitSide.Outcome bk) throws Exception {
    long t0 = System.nanoTime();
    BuildResult ours = null;
    EngineException failure = null;
    try {
      ours = new ChrootBuilder(state).build(inputs.request(c, ctx), EventListener.NONE);
    } catch (EngineException e) {
      failure = e;
    }
    System.out.printf("conformance: %s: chroot %.1f s%n", c.name(), (System.nanoTime() - t0) / 1e9);
    if (c.expectedFailure().isPresent()) {
      assertThat(bk.ok())
          .as(
              "BuildKit %s %s:%n%s",
              c.buildkitBuilds() ? "builds" : "fails on", c.name(), bk.output())
          .isEqualTo(c.buildkitBuilds());
      assertThat(failure).as("the chroot backend fails").isNotNull();
      assertThat(failure.getMessage()).contains(c.expectedFailure().get());
      return;
    }
    assertThat(bk.ok()).as("BuildKit builds %s:%n%s", c.name(), bk.output()).isTrue();
    if (failure != null) {
      throw failure;
    }
    List<String> diff;
    try (LayerView view = ours.view(state.tmp())) {
      diff = TreeDiff.of("chroot", TreeListing.of(view.root()), TreeListing.of(bk.rootfs()));
    }
    assertThat(diff)
        .as("differences from BuildKit in %s", c.name())
        .isEqualTo(c.expectedDifferences());
  }
}
