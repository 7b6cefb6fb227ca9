package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.builder.docker.DockerDaemon;
import dev.osimages.engine.builder.docker.Dockerd;
import dev.osimages.engine.export.tar.TarEntry;
import dev.osimages.engine.export.tar.TarStreamReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine run --backend docker} against a real dockerd (Debian's docker.io, started for this
 * class and stopped after): a small declaration is built, exported, verified and published through
 * the daemon, then built with the chroot backend, and the two exported trees are compared member by
 * member (paths, types, owners, modes, link targets, contents, device numbers, xattrs). The only
 * difference allowed is the one notes/docker.md documents: Docker masks {@code /dev/console}. Also:
 * no daemon, an API version the daemon refuses, and a failing RUN step are one clear message each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerBackendIT {
  @TempDir static Path work;
  static Dockerd dockerd;
  static Path state;

  @BeforeAll
  static void start() throws Exception {
    NeedsRoot.assume("a Docker daemon and the chroot backend");
    for (String backend : List.of("docker", "chroot")) {
      TestFiles.copyResources("docker", work.resolve(backend));
    }
    state = work.resolve("state");
    dockerd = Dockerd.start();
    System.setProperty("DOCKER_HOST", dockerd.host());
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("DOCKER_HOST");
    if (dockerd != null) {
      dockerd.close();
    }
  }

  private static Cli run(String backend, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--matrix",
                "-f",
                work.resolve(backend).resolve("images.yaml").toString(),
                "--backend",
                backend,
                "--state-dir",
                state.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void noDaemon_isOneMessageNamingTheSocket() {
    String absent = "unix://" + work.resolve("absent.sock");
    System.setProperty("DOCKER_HOST", absent);
    try {
      Cli r = run("docker", "--only", "mini/*");
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.ENVIRONMENT.code());
      assertThat(r.err())
          .contains("cannot reach the Docker daemon at " + absent)
          .contains("start dockerd or point DOCKER_HOST at a running one")
          .doesNotContain("\tat ");
    } finally {
      System.setProperty("DOCKER_HOST", dockerd.host());
    }
  }

  @Test
  @Order(2)
  void apiVersionTheDaemonRefuses_namesBothVersions() {
    assertThatThrownBy(() -> DockerDaemon.connect(Map.of("DOCKER_HOST", dockerd.host()), "1.99"))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("does not speak API version 1.99 (its newest is 1.41)");
  }

  @Test
  @Order(3)
  void dockerRun_buildsExportsVerifiesPublishesAndLeavesNoContainer() throws Exception {
    Cli r = run("docker", "-q", "--except", "broken/*");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).containsPattern("mini/13 +ok ").containsPattern("extras/13 +ok ");
    Path store = work.resolve("docker/out/stable");
    for (String id : List.of("mini/13", "extras/13")) {
      assertThat(TestFiles.sh(store.resolve(id), "md5sum -c img.tar.lz4.md5")).contains("OK");
      assertThat(store.resolve(id).resolve("packages.txt")).content().contains("ii  dpkg ");
    }
    assertThat(dockerd.cli("ps", "--all", "--quiet")).isBlank();
    assertThat(
            dockerd.cli(
                "image", "inspect", "--format", "{{json .Config.Labels}}", "osimages-it/mini:13"))
        .contains("\"dev.osimages.cell\":\"mini/13\"");
  }

  @Test
  @Order(4)
  void chrootRun_ofTheSameDeclaration_exportsTheSameTrees() throws Exception {
    Cli r = run("chroot", "-q", "--except", "broken/*");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    for (String id : List.of("mini/13", "extras/13")) {
      Map<String, String> docker = tree(work.resolve("docker/out/stable").resolve(id));
      Map<String, String> chroot = tree(work.resolve("chroot/out/stable").resolve(id));
      List<String> differences = new ArrayList<>();
      for (String path : union(docker, chroot)) {
        if (!String.valueOf(docker.get(path)).equals(String.valueOf(chroot.get(path)))) {
          differences.add(path + ": docker " + docker.get(path) + " | chroot " + chroot.get(path));
        }
      }
      assertThat(differences)
          .as(id)
          .containsExactly("/dev/console: docker null | chroot " + chroot.get("/dev/console"));
      assertThat(docker).containsKeys("/srv/fifo", "/etc/greeting.hard", "/srv/suid");
      assertThat(docker.get("/etc/machine-id")).contains(" size 0 ");
      assertThat(docker).doesNotContainKeys("/.dockerenv", "/etc/hosts", "/etc/mtab");
      assertThat(docker.keySet()).noneMatch(p -> p.startsWith("/etc/ssh/ssh_host_"));
    }
  }

  @Test
  @Order(5)
  void secondDockerRun_importsTheBaseOnceAndUsesTheDaemonsCache() {
    Cli r = run("docker", "--force", "--only", "mini/*");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).doesNotContain("importing").contains("---> Using cache");
  }

  @Test
  @Order(6)
  void failingRunStep_namesCellDockerfileLineAndInstruction() {
    Cli r = run("docker", "-q", "--only", "broken/*");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FAILED.code());
    assertThat(r.out())
        .contains("broken/13: Dockerfile:4: RUN echo about to fail")
        .contains("returned a non-zero code: 1")
        .doesNotContain("\tat ");
    assertThat(work.resolve("docker/out/stable/broken/13")).doesNotExist();
  }

  /** Every member of an exported tarball, described by all it carries except its mtime. */
  private static Map<String, String> tree(Path dir) throws Exception {
    Process lz4 =
        new ProcessBuilder("lz4", "-dc", dir.resolve("img.tar.lz4").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = lz4.getInputStream()) {
      TarStreamReader reader = new TarStreamReader(in);
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        String content = "";
        if (e.type() == TarEntry.Type.FILE) {
          MessageDigest sha = MessageDigest.getInstance("SHA-256");
          sha.update(reader.content().readAllBytes());
          content = HexFormat.of().formatHex(sha.digest());
        }
        String what =
            e.type() == TarEntry.Type.HARDLINK
                // Which name of a hard-linked file comes first depends on the walk order.
                ? out.get(dir(e.linkTarget()))
                : String.format(
                    "%s mode %o owner %d:%d link %s size %d %s dev %d,%d xattrs %s",
                    e.type(),
                    e.mode(),
                    e.uid(),
                    e.gid(),
                    e.linkTarget(),
                    e.size(),
                    content,
                    e.devMajor(),
                    e.devMinor(),
                    xattrs(e));
        out.put(e.imagePath(), what);
      }
      // The archive's end comes before the end of the stream (record padding, lz4's end mark and
      // checksum): read it all, or lz4 may still be writing when the pipe closes (SIGPIPE, 141).
      in.transferTo(OutputStream.nullOutputStream());
    }
    assertThat(lz4.waitFor()).isZero();
    return out;
  }

  private static String dir(String member) {
    return member.startsWith("./") ? member.substring(1) : "/" + member;
  }

  private static String xattrs(TarEntry e) {
    StringBuilder s = new StringBuilder();
    e.xattrs().forEach((k, v) -> s.append(k).append('=').append(HexFormat.of().formatHex(v)));
    return s.toString();
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    TreeMap<String, String> all = new TreeMap<>(a);
    all.putAll(b);
    return List.copyOf(all.keySet());
  }
}
