package dev.osimages.engine.builder.chroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildException;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.Views;
import dev.osimages.engine.cache.CacheInventory;
import dev.osimages.engine.cli.Main;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.state.StateDir;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chroot backend's safety rules, on a tiny image made from the host's dash and libc (no
 * network): FROM scratch + ADD of a tar, RUN in it, image symlinks that point at host paths,
 * archives and contexts that try to escape, and a failing step's report.
 */
class ChrootSafetyIT {
  Path tmp;
  Path ctx;
  StateDir state;

  @BeforeEach
  void setUp() throws Exception {
    NeedsRoot.assume("namespaces, overlayfs and chroot");
    tmp = Files.createTempDirectory("builder-safety-");
    ctx = Files.createDirectories(tmp.resolve("ctx"));
    state = new StateDir(tmp.resolve("state"));
    Path root = Files.createDirectories(tmp.resolve("mini"));
    for (String f :
        List.of(
            "bin/dash",
            "bin/cat",
            "lib/x86_64-linux-gnu/libc.so.6",
            "lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")) {
      Path t = root.resolve(f);
      Files.createDirectories(t.getParent());
      Files.copy(Path.of("/usr").resolve(f), t);
    }
    Files.createDirectories(root.resolve("lib64"));
    Files.createSymbolicLink(
        root.resolve("lib64/ld-linux-x86-64.so.2"),
        Path.of("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));
    Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("dash"));
    Files.createDirectories(root.resolve("etc"));
    // An absolute link to a host directory: following it on the host would leave the image.
    Files.createSymbolicLink(root.resolve("escape"), tmp.resolve("host-side"));
    run("tar", "-C", root.toString(), "-cf", ctx.resolve("mini.tar").toString(), ".");
  }

  @AfterEach
  void tearDown() {
    Views.closeAll();
    if (tmp != null) {
      Trees.delete(tmp);
    }
  }

  private BuildResult build(String dockerfile) throws Exception {
    return build(dockerfile, false);
  }

  private BuildResult build(String dockerfile, boolean noCache) throws Exception {
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    BuildRequest req =
        new BuildRequest(
            "safety",
            ctx.resolve("Dockerfile"),
            BuildContext.of(ctx),
            Map.of(),
            Map.<String, Base>of(),
            Optional.empty(),
            noCache,
            Hygiene.declared(false));
    return new ChrootBuilder(state).build(req, EventListener.NONE);
  }

  @Test
  void scratchPlusAddTar_extractsArchive_andRunWorks() throws Exception {
    BuildResult r = build("FROM scratch\nADD mini.tar /\nRUN echo hi > /greeting\n");
    assertThat(Files.readString(Views.root(r).resolve("greeting"))).isEqualTo("hi\n");
    assertThat(Views.root(r).resolve("bin/dash")).exists();
  }

  @Test
  void copyThroughImageSymlink_staysInsideImage() throws Exception {
    Files.writeString(ctx.resolve("note"), "inside");
    BuildResult r = build("FROM scratch\nADD mini.tar /\nCOPY note /escape/note\n");
    assertThat(tmp.resolve("host-side")).doesNotExist();
    Path inImage = Views.root(r).resolve(tmp.resolve("host-side/note").toString().substring(1));
    assertThat(Files.readString(inImage)).isEqualTo("inside");
  }

  @Test
  void tarWithDotDotMember_isRefused() throws Exception {
    try (OutputStream out = Files.newOutputStream(ctx.resolve("evil.tar"));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      byte[] data = "pwned".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("../../evil");
      e.setSize(data.length);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    assertThatThrownBy(() -> build("FROM scratch\nADD mini.tar /\nADD evil.tar /x/\n"))
        .hasMessageContaining("evil.tar");
    assertThat(tmp.resolve("evil")).doesNotExist();
    assertThat(ctx.resolve("evil")).doesNotExist();
  }

  @Test
  void contextSymlinkPointingOut_resolvesInsideTheContext_soItsTargetIsNotFound() throws Exception {
    Files.writeString(tmp.resolve("secret"), "s");
    Files.createSymbolicLink(ctx.resolve("leak"), tmp.resolve("secret"));
    assertThatThrownBy(() -> build("FROM scratch\nCOPY leak /leak\n"))
        .hasMessageContaining("Dockerfile:2")
        .hasMessageContaining(
            "leak is a symlink to "
                + tmp.resolve("secret")
                + ", which is not in the build context");
  }

  @Test
  void failingRun_namesCellLineExitCodeAndOutput() throws Exception {
    assertThatThrownBy(
            () -> build("FROM scratch\nADD mini.tar /\nRUN echo about to fail; exit 3\n"))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("safety: Dockerfile:3: RUN echo about to fail; exit 3: exit code 3")
        .hasMessageContaining("about to fail");
    assertThat(Files.list(state.tmp()).toList()).isEmpty();
  }

  @Test
  void failedStep_leavesNoLayer_soTheNextBuildRunsItAgain() throws Exception {
    String df = "FROM scratch\nADD mini.tar /\nRUN test -e /flag || exit 4\n";
    assertThatThrownBy(() -> build(df)).hasMessageContaining("exit code 4");
    List<Path> layers;
    try (var s = Files.list(state.layers())) {
      layers = s.toList();
    }
    assertThat(layers).hasSize(1); // the ADD's
    assertThatThrownBy(() -> build(df)).hasMessageContaining("exit code 4");
  }

  @Test
  void malformedDockerfile_namesCellFileAndLine_exit2() {
    assertThatThrownBy(() -> build("FROM scratch\nFROBNICATE x\n"))
        .isInstanceOf(EngineException.class)
        .hasMessage("safety: Dockerfile:2: unsupported instruction FROBNICATE")
        .extracting(e -> ((EngineException) e).exit())
        .isEqualTo(ExitCode.INVALID);
  }

  @Test
  void malformedDockerignore_namesCellFileAndLine_exit2() throws Exception {
    Files.writeString(ctx.resolve(".dockerignore"), "ok\n[unclosed\n");
    assertThatThrownBy(() -> build("FROM scratch\nCOPY mini.tar /\n"))
        .hasMessageStartingWith(
            "safety: " + ctx.toRealPath().resolve(".dockerignore") + ":2: bad pattern")
        .extracting(e -> ((EngineException) e).exit())
        .isEqualTo(ExitCode.INVALID);
  }

  @Test
  void registryBase_thatCannotBeReached_isClearError() {
    // Port 1 on loopback: nothing listens, so the pull fails at once (the JDK reports the refused
    // connection as refused or as a closed channel).
    assertThatThrownBy(() -> build("ARG BASE_IMAGE=127.0.0.1:1/none:9\nFROM ${BASE_IMAGE}\n"))
        .hasMessageContaining(
            "FROM 127.0.0.1:1/none:9 (Dockerfile:2): 127.0.0.1:1/none:9: registry unreachable: ")
        .hasMessageContaining("127.0.0.1:1");
  }

  @Test
  void noCache_rebuildsEveryStep_andChangeReusesStepsBefore() throws Exception {
    String df = "FROM scratch\nADD mini.tar /\nRUN echo one > /one\nRUN echo two > /two\n";
    BuildResult first = build(df);
    BuildResult again = build(df, true);
    assertThat(again.steps()).filteredOn(t -> t.line() > 1).noneMatch(t -> t.cached());
    assertThat(Files.readString(Views.root(again).resolve("two"))).isEqualTo("two\n");
    assertThat(again.cacheKey()).isEqualTo(first.cacheKey());
    BuildResult changed = build(df.replace("echo two", "echo 2"));
    assertThat(
            changed.steps().stream().filter(t -> t.line() == 3).findFirst().orElseThrow().cached())
        .isTrue();
    assertThat(
            changed.steps().stream().filter(t -> t.line() == 4).findFirst().orElseThrow().cached())
        .isFalse();
    assertThat(Files.readString(Views.root(changed).resolve("two"))).isEqualTo("2\n");
  }

  @Test
  void cacheCommands_listAndPrune() throws Exception {
    build("FROM scratch\nADD mini.tar /\n");
    StringWriter out = new StringWriter();
    String dir = state.root().toString();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "cache",
            "list",
            "--state-dir",
            dir);
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("layer ")
        .contains("ADD mini.tar /")
        .doesNotContain("rootfs ");
    out.getBuffer().setLength(0);
    Main.run(
        new PrintWriter(out),
        new PrintWriter(new StringWriter()),
        "cache",
        "prune",
        "--keep-days",
        "1",
        "--state-dir",
        dir);
    assertThat(out.toString()).contains("removed 0 entries");
    Main.run(
        new PrintWriter(out),
        new PrintWriter(new StringWriter()),
        "cache",
        "prune",
        "--state-dir",
        dir);
    assertThat(new CacheInventory(state).list()).isEmpty();
  }

  @Test
  void sigterm_stopsTheBuild_leavingNoProcessMountOrWork() throws Exception {
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM scratch\nADD mini.tar /\nRUN echo started; exec cat /dev/zero > /dev/null\n");
    List<String> before = mounts();
    Process p =
        new ProcessBuilder(
                "java",
                "-jar",
                Path.of("target/engine.jar").toAbsolutePath().toString(),
                "build",
                "--state-dir",
                state.root().toString(),
                "--dockerfile",
                ctx.resolve("Dockerfile").toString())
            .redirectErrorStream(true)
            .start();
    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
    for (String l; (l = reader.readLine()) != null && !l.contains("started"); ) {}
    long engine = p.pid();
    List<ProcessHandle> children = p.descendants().toList();
    assertThat(children).isNotEmpty();
    p.destroy();
    assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    for (ProcessHandle h : children) {
      // SIGKILL is delivered at once but reaping is asynchronous: allow the kernel a moment.
      boolean gone =
          h.onExit()
              .completeOnTimeout(h, 10, java.util.concurrent.TimeUnit.SECONDS)
              .thenApply(x -> !x.isAlive())
              .get();
      assertThat(gone)
          .as("process %d (%s) of engine %d", h.pid(), h.info().commandLine().orElse("?"), engine)
          .isTrue();
    }
    assertThat(mounts()).isEqualTo(before);
    assertThat(Files.list(state.tmp()).toList()).isEmpty();
  }

  @Test
  void sigkill_leavesWorkAndAView_thatTheNextEngineRemoves() throws Exception {
    // COPY --from a two-layer stage keeps a read-only view of it mounted until the build ends.
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM scratch AS a\nADD mini.tar /\nRUN echo a > /a\n"
            + "FROM scratch\nCOPY --from=a / /\n"
            + "RUN echo started; exec cat /dev/zero > /dev/null\n");
    List<String> before = mounts();
    Process p = engine("build", "--dockerfile", ctx.resolve("Dockerfile").toString()).start();
    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
    for (String l; (l = reader.readLine()) != null && !l.contains("started"); ) {}
    p.destroyForcibly();
    assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(mounts()).as("the view the killed engine left").hasSizeGreaterThan(before.size());
    assertThat(Files.list(state.tmp()).toList()).as("its work directories").isNotEmpty();
    Files.createDirectories(state.root().resolve("images/old-key/rootfs"));

    // Any command that takes the state lock; this one cleans no temporary files of its own.
    Files.writeString(ctx.resolve("Dockerfile.next"), "FROM scratch\nADD mini.tar /\n");
    Process next =
        engine("build", "--dockerfile", ctx.resolve("Dockerfile.next").toString()).start();
    String said = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(next.waitFor()).as(said).isZero();
    assertThat(said).contains("removed").contains("leftovers of an interrupted engine");
    assertThat(mounts()).isEqualTo(before);
    assertThat(state.tmp()).isEmptyDirectory();
    assertThat(state.root().resolve("images"))
        .as("an older engine's flattened copies")
        .doesNotExist();
    assertThat(new CacheInventory(state).list()).as("the cache itself is kept").isNotEmpty();
  }

  /** The engine in its own JVM (from the packaged jar) on this test's state directory. */
  private ProcessBuilder engine(String... args) {
    List<String> argv =
        new java.util.ArrayList<>(
            List.of("java", "-jar", Path.of("target/engine.jar").toAbsolutePath().toString()));
    argv.addAll(List.of(args));
    argv.addAll(List.of("--state-dir", state.root().toString()));
    return new ProcessBuilder(argv).redirectErrorStream(true);
  }

  /** Host mounts under this test's directory (other builds on the machine may mount elsewhere). */
  private List<String> mounts() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .filter(l -> l.contains(tmp.toString()))
        .toList();
  }

  @Test
  void ociLayoutBase_appliesWhiteoutsAndOpaqueDirs() throws Exception {
    Path l2 = Files.createDirectories(tmp.resolve("l2/etc"));
    Files.createFile(l2.resolve(".wh.gone"));
    Files.writeString(l2.resolve("new"), "new");
    Path mini = tmp.resolve("mini");
    Files.writeString(mini.resolve("etc/gone"), "old");
    Files.createDirectories(mini.resolve("var/cache/old"));
    Files.createDirectories(tmp.resolve("l2/var/cache"));
    Files.createFile(tmp.resolve("l2/var/cache/.wh..wh..opq"));
    Path layout = Files.createDirectories(tmp.resolve("layout/blobs/sha256"));
    run("tar", "-C", mini.toString(), "-czf", tmp.resolve("l1.tgz").toString(), ".");
    run("tar", "-C", tmp.resolve("l2").toString(), "-czf", tmp.resolve("l2.tgz").toString(), ".");
    String d1 = blob(layout, Files.readAllBytes(tmp.resolve("l1.tgz")));
    String d2 = blob(layout, Files.readAllBytes(tmp.resolve("l2.tgz")));
    String layer =
        "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:%s\"}";
    String manifest =
        "{\"schemaVersion\":2,\"layers\":["
            + String.format(layer, d1)
            + ","
            + String.format(layer, d2)
            + "]}";
    String dm = blob(layout, manifest.getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        tmp.resolve("layout/index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:" + dm + "\"}]}");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM img\nRUN cat /etc/new\n");
    BuildRequest req =
        new BuildRequest(
            "oci",
            ctx.resolve("Dockerfile"),
            BuildContext.of(ctx),
            Map.of(),
            Map.<String, Base>of("img", new Base.OciLayout(tmp.resolve("layout"))),
            Optional.empty(),
            false,
            Hygiene.NONE);
    BuildResult r = new ChrootBuilder(state).build(req, EventListener.NONE);
    assertThat(Views.root(r).resolve("etc/gone")).doesNotExist();
    assertThat(Views.root(r).resolve("etc/new")).exists();
    assertThat(Views.root(r).resolve("var/cache")).isDirectory();
    assertThat(Views.root(r).resolve("var/cache/old")).doesNotExist();
    assertThat(Views.root(r).resolve("bin/dash")).exists();
  }

  private static String blob(Path dir, byte[] data) throws Exception {
    String hex =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    Files.write(dir.resolve(hex), data);
    return hex;
  }

  private static void run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }
}
