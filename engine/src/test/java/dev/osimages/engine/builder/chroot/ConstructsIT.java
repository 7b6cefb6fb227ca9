package dev.osimages.engine.builder.chroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.builder.BusyboxRootfs;
import dev.osimages.engine.builder.LoopbackHttp;
import dev.osimages.engine.builder.NamedContext;
import dev.osimages.engine.builder.Views;
import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.state.StateDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The constructs beyond plain Dockerfiles, built for real with the chroot backend on a busybox root
 * filesystem (root, namespaces, overlayfs; network only to a server on 127.0.0.1): named contexts,
 * ADD of URLs with and without --checksum, here-documents, and RUN --mount of caches, binds, tmpfs
 * and secrets.
 */
class ConstructsIT {
  static Path tmp;
  static StateDir state;
  static Path base;
  static Path ctx;
  static Path cloudinit;
  static Path secret;
  static LoopbackHttp http;
  static final List<Event> events = new CopyOnWriteArrayList<>();
  static int builds;

  @BeforeAll
  static void setUp() throws Exception {
    NeedsRoot.assume("namespaces, overlayfs and chroot");
    tmp = Files.createTempDirectory("constructs-it-");
    state = new StateDir(tmp.resolve("state"));
    base = BusyboxRootfs.create(tmp.resolve("base"));
    ctx = Files.createDirectories(tmp.resolve("ctx/etc"));
    Files.writeString(ctx.resolve("motd"), "from ctx\n");
    Files.setAttribute(ctx.resolve("motd"), "unix:uid", 1234);
    ctx = ctx.getParent();
    cloudinit = Files.createDirectories(tmp.resolve("cloudinit"));
    Files.writeString(cloudinit.resolve("custom.service"), "[Unit]\n");
    secret = tmp.resolve("secret.txt");
    Files.writeString(secret, "first-secret-7f3a9c");
    http = new LoopbackHttp();
  }

  @AfterAll
  static void tearDown() {
    Views.closeAll();
    http.close();
    Trees.delete(tmp);
  }

  private static BuildResult build(
      String dockerfile, Map<String, NamedContext> named, Map<String, BuildSecret> secrets)
      throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("df-" + builds++));
    Path file = dir.resolve("Dockerfile");
    Files.writeString(file, dockerfile);
    BuildRequest req =
        new BuildRequest(
            "test/1",
            file,
            BuildContext.of(ctx),
            Map.of(),
            Map.of("base", new Base.RootfsDir(base)),
            Optional.empty(),
            false,
            Hygiene.NONE,
            List.of(),
            Map.of(),
            named,
            secrets);
    return new ChrootBuilder(state).build(req, events::add);
  }

  private static Map<String, NamedContext> contexts() {
    return Map.of(
        "ctx", new NamedContext.Local(BuildContext.of(ctx)),
        "cloudinit", new NamedContext.Local(BuildContext.of(cloudinit)),
        "baseapp", new NamedContext.Image("base/1", new Base.RootfsDir(base)));
  }

  private static int uid(Path p) throws Exception {
    return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
  }

  private static int mode(Path p) throws Exception {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  @Test
  void namedContexts_areReadByCopyFromAndFrom_andReplaceAStageOfTheirName() throws Exception {
    BuildResult r =
        build(
            """
            FROM scratch AS baseapp
            RUN never-run
            FROM baseapp
            COPY --from=ctx . /
            COPY --from=cloudinit custom.service /etc/systemd/system/
            RUN cat /etc/motd > /copied
            """,
            contexts(),
            Map.of());
    Path root = Views.root(r);
    assertThat(root.resolve("copied")).hasContent("from ctx");
    assertThat(uid(root.resolve("etc/motd"))).as("context files become root's").isZero();
    assertThat(root.resolve("etc/systemd/system/custom.service")).exists();
    assertThat(root.resolve("bin/busybox")).exists();
  }

  @Test
  void unknownNamedContext_isAnErrorNamingTheLineAndWhatIsKnown() {
    assertThatThrownBy(() -> build("FROM base\nCOPY --from=ctxx . /\n", contexts(), Map.of()))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith(
            "test/1: Dockerfile:2: COPY --from=ctxx . /: no stage or named context ctxx")
        .hasMessageContaining("named contexts: baseapp, cloudinit, ctx")
        .extracting(e -> ((EngineException) e).exitCode())
        .isEqualTo(ExitCode.INVALID.code());
  }

  @Test
  void addUrl_withChecksum_isFetchedOnce_keptAsFile_andAnUnpinnedAddWarnsWithItsDigest()
      throws Exception {
    byte[] tool = "pretend tarball\n".getBytes(StandardCharsets.UTF_8);
    byte[] other = "unpinned\n".getBytes(StandardCharsets.UTF_8);
    http.put("/dl/tool.tar.gz", tool);
    http.put("/dl/other.txt", other);
    String sum = sha(tool);
    String df =
        "FROM base\nARG SUM="
            + sum
            + "\nADD --checksum=sha256:${SUM} \""
            + http.url("/dl/tool.tar.gz")
            + "\" /download/tool.tar\nADD "
            + http.url("/dl/other.txt")
            + " /opt/\n";
    events.clear();
    BuildResult first = build(df, Map.of(), Map.of());
    Path dl = Views.root(first).resolve("download/tool.tar");
    assertThat(Files.readAllBytes(dl)).isEqualTo(tool);
    assertThat(mode(dl)).isEqualTo(0600);
    assertThat(Views.root(first).resolve("opt/other.txt")).hasContent("unpinned");
    assertThat(events)
        .filteredOn(e -> e instanceof Warning)
        .extracting(e -> ((Warning) e).message())
        .containsExactly(
            "Dockerfile:4: ADD "
                + http.url("/dl/other.txt")
                + " is not pinned; add --checksum=sha256:"
                + sha(other)
                + " to pin it");
    int pinnedRequests = http.requests("/dl/tool.tar.gz");
    int otherTransfers = http.transfers("/dl/other.txt");
    BuildResult again = build(df, Map.of(), Map.of());
    assertThat(again.fullyCached()).isTrue();
    assertThat(http.requests("/dl/tool.tar.gz"))
        .as("a cached pin needs no request")
        .isEqualTo(pinnedRequests);
    assertThat(http.requests("/dl/other.txt"))
        .as("unpinned: asked again")
        .isGreaterThan(otherTransfers);
    assertThat(http.transfers("/dl/other.txt"))
        .as("unchanged: not sent again")
        .isEqualTo(otherTransfers);
  }

  @Test
  void checksumMismatch_failsTheStepNamingBothDigests_andKeepsNothing() throws Exception {
    byte[] body = "the real content\n".getBytes(StandardCharsets.UTF_8);
    http.put("/dl/moved.bin", body);
    String wrong = "0".repeat(64);
    long layersBefore = count(state.layers());
    assertThatThrownBy(
            () ->
                build(
                    "FROM base\nADD --checksum=sha256:"
                        + wrong
                        + " "
                        + http.url("/dl/moved.bin")
                        + " /x\n",
                    Map.of(),
                    Map.of()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("test/1: Dockerfile:2: ADD --checksum=sha256:" + wrong)
        .hasMessageContaining("expected sha256:" + wrong + ", got sha256:" + sha(body))
        .extracting(e -> ((EngineException) e).exitCode())
        .isEqualTo(ExitCode.FAILED.code());
    assertThat(state.downloads().resolve("sha256-" + sha(body))).doesNotExist();
    assertThat(count(state.layers())).isEqualTo(layersBefore);
    assertThatThrownBy(
            () -> build("FROM base\nADD http://127.0.0.1:1/nothing.tgz /x\n", Map.of(), Map.of()))
        .hasMessageContaining(
            "test/1: Dockerfile:2: ADD http://127.0.0.1:1/nothing.tgz /x: cannot download")
        .extracting(e -> ((EngineException) e).exitCode())
        .isEqualTo(ExitCode.FAILED.code());
  }

  @Test
  void checksumOfALocalFile_isCheckedToo() throws Exception {
    String good = sha(Files.readAllBytes(ctx.resolve("etc/motd")));
    BuildResult r =
        build("FROM base\nADD --checksum=sha256:" + good + " etc/motd /motd\n", Map.of(), Map.of());
    assertThat(Views.root(r).resolve("motd")).hasContent("from ctx");
    assertThatThrownBy(
            () ->
                build(
                    "FROM base\nADD --checksum=sha256:" + "1".repeat(64) + " etc/motd /motd\n",
                    Map.of(),
                    Map.of()))
        .hasMessageContaining(
            "checksum mismatch: expected sha256:" + "1".repeat(64) + ", got sha256:" + good);
  }

  @Test
  void heredocs_runAndCopy_asBuildKitDefinesThem() throws Exception {
    BuildResult r =
        build(
            """
            FROM base
            ARG WHO=world
            RUN <<EOF
            echo "hello $WHO" > /run-heredoc
            echo second line >> /run-heredoc
            EOF
            RUN <<EOF
            #!/bin/sh
            echo "script $0" > /shebang
            EOF
            RUN cat <<A > /a && cat <<-B > /b
            first
            A
            \tsecond
            \tB
            COPY <<EOF /etc/expanded
            hello ${WHO} "quoted"
            EOF
            COPY --chmod=755 <<"EOF" /usr/local/bin/literal
            #!/bin/sh
            echo ${WHO}
            EOF
            """,
            Map.of(),
            Map.of());
    Path root = Views.root(r);
    assertThat(root.resolve("run-heredoc")).hasContent("hello world\nsecond line");
    assertThat(root.resolve("shebang")).hasContent("script /dev/pipes/EOF");
    assertThat(root.resolve("a")).hasContent("first");
    assertThat(root.resolve("b")).hasContent("second");
    assertThat(root.resolve("etc/expanded")).hasContent("hello world \"quoted\"");
    assertThat(mode(root.resolve("etc/expanded"))).isEqualTo(0644);
    Path literal = root.resolve("usr/local/bin/literal");
    assertThat(literal).hasContent("#!/bin/sh\necho ${WHO}");
    assertThat(mode(literal)).isEqualTo(0755);
    assertThat(root.resolve("dev/pipes")).doesNotExist();
  }

  @Test
  void runMounts_cacheBindAndTmpfs_workAndLeaveNoTraceInTheImage() throws Exception {
    String first =
        """
        FROM base AS builder
        RUN echo built-in-stage > /artifact
        FROM base
        RUN --mount=type=cache,target=/var/cache/tool,id=tool echo one >> /var/cache/tool/log
        RUN --mount=type=bind,target=/src cat /src/etc/motd > /bound && (touch /src/x 2>/dev/null || echo ro > /bind-ro)
        RUN --mount=type=bind,from=ctx,source=etc,target=/mnt/c,rw touch /mnt/c/written && ls /mnt/c > /bind-rw
        RUN --mount=type=bind,from=builder,source=/artifact,target=/opt/artifact cat /opt/artifact > /from-stage
        RUN --mount=type=tmpfs,target=/scratch echo x > /scratch/y && cat /scratch/y > /tmpfs
        """;
    BuildResult r = build(first, contexts(), Map.of());
    Path root = Views.root(r);
    assertThat(root.resolve("bound")).hasContent("from ctx");
    assertThat(root.resolve("bind-ro")).hasContent("ro");
    assertThat(root.resolve("bind-rw")).hasContent("motd\nwritten");
    assertThat(ctx.resolve("etc/written")).as("rw binds discard writes").doesNotExist();
    assertThat(root.resolve("from-stage")).hasContent("built-in-stage");
    assertThat(root.resolve("tmpfs")).hasContent("x");
    for (String stub : List.of("var/cache/tool", "src", "mnt", "opt/artifact", "scratch")) {
      assertThat(root.resolve(stub)).as("mount point /" + stub).doesNotExist();
    }
    BuildResult second =
        build(
            "FROM base\nRUN --mount=type=cache,target=/c,id=tool,sharing=locked cat /c/log > /cached\n",
            Map.of(),
            Map.of());
    assertThat(Views.root(second).resolve("cached")).hasContent("one");
    assertThat(Views.root(second).resolve("c")).doesNotExist();
    try (Stream<String> mounts = Files.lines(Path.of("/proc/self/mountinfo"))) {
      assertThat(mounts.filter(l -> l.contains(tmp.toString()))).isEmpty();
    }
  }

  @Test
  void secrets_reachTheStepOnly_neverALayerALogOrTheCacheKey() throws Exception {
    String df =
        """
        FROM base
        RUN --mount=type=secret,id=tok sha256sum /run/secrets/tok | cut -c1-64 > /hash && stat -c '%a %u' /run/secrets/tok > /mode
        RUN --mount=type=secret,id=tok,env=TOKEN,target=/etc/tok test -n "$TOKEN" && test -f /etc/tok && echo ok > /env
        RUN --mount=type=secret,id=absent ls /run/secrets > /optional 2>&1 || echo none > /optional
        """;
    BuildResult r = build(df, Map.of(), Map.of("tok", new BuildSecret.FromFile(secret)));
    Path root = Views.root(r);
    assertThat(root.resolve("hash")).hasContent(sha("first-secret-7f3a9c".getBytes()));
    assertThat(root.resolve("mode")).hasContent("400 0");
    assertThat(root.resolve("env")).hasContent("ok");
    assertThat(root.resolve("optional")).hasContent("none");
    assertThat(root.resolve("run/secrets")).doesNotExist();
    assertThat(root.resolve("etc/tok")).doesNotExist();

    // Another value under the same id: the steps stay cached (the key has no secret in it).
    Files.writeString(secret, "second-secret-1b2e4d");
    BuildResult again = build(df, Map.of(), Map.of("tok", new BuildSecret.FromFile(secret)));
    assertThat(again.fullyCached()).isTrue();
    assertThat(again.cacheKey()).isEqualTo(r.cacheKey());
    for (String value : List.of("first-secret-7f3a9c", "second-secret-1b2e4d")) {
      assertThat(filesContaining(state.root(), value)).as("state files holding " + value).isEmpty();
    }
    assertThatThrownBy(
            () ->
                build(
                    "FROM base\nRUN --mount=type=secret,id=gone,required true\n",
                    Map.of(),
                    Map.of()))
        .hasMessageStartingWith(
            "test/1: Dockerfile:2: RUN true: secret 'gone' is required but not given")
        .extracting(e -> ((EngineException) e).exitCode())
        .isEqualTo(ExitCode.INVALID.code());
    assertThatThrownBy(
            () ->
                build(
                    "FROM base\nRUN --mount=type=secret,id=tok true\n",
                    Map.of(),
                    Map.of("tok", new BuildSecret.FromFile(tmp.resolve("no-such-file")))))
        .hasMessageContaining("Dockerfile:2: RUN true: secret 'tok': file ")
        .hasMessageEndingWith("not found or not readable");
  }

  private static List<Path> filesContaining(Path dir, String text) throws Exception {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> contains(p, needle))
          .toList();
    }
  }

  private static boolean contains(Path p, byte[] needle) {
    try {
      byte[] b = Files.readAllBytes(p);
      outer:
      for (int i = 0; i + needle.length <= b.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (b[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static long count(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  private static String sha(byte[] b) {
    java.security.MessageDigest md = Digests.sha256();
    return java.util.HexFormat.of().formatHex(md.digest(b));
  }
}
