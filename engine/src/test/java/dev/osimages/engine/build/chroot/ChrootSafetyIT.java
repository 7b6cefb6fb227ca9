package dev.osimages.engine.build.chroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.base.Base;
import dev.osimages.engine.base.Trees;
import dev.osimages.engine.build.BuildContext;
import dev.osimages.engine.build.BuildException;
import dev.osimages.engine.build.BuildRequest;
import dev.osimages.engine.build.BuildResult;
import dev.osimages.engine.build.Hygiene;
import dev.osimages.engine.event.EventListener;
import java.io.OutputStream;
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
    Trees.delete(tmp);
  }

  private BuildResult build(String dockerfile) throws Exception {
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    BuildRequest req =
        new BuildRequest(
            "safety",
            ctx.resolve("Dockerfile"),
            BuildContext.of(ctx),
            Map.of(),
            Map.<String, Base>of(),
            Optional.empty(),
            false,
            Hygiene.STANDARD);
    return new ChrootBuilder(state).build(req, EventListener.NONE);
  }

  @Test
  void scratchPlusAddTar_extractsArchive_andRunWorks() throws Exception {
    BuildResult r = build("FROM scratch\nADD mini.tar /\nRUN echo hi > /greeting\n");
    assertThat(Files.readString(r.rootfs().resolve("greeting"))).isEqualTo("hi\n");
    assertThat(r.rootfs().resolve("bin/dash")).exists();
  }

  @Test
  void copyThroughImageSymlink_staysInsideImage() throws Exception {
    Files.writeString(ctx.resolve("note"), "inside");
    BuildResult r = build("FROM scratch\nADD mini.tar /\nCOPY note /escape/note\n");
    assertThat(tmp.resolve("host-side")).doesNotExist();
    Path inImage = r.rootfs().resolve(tmp.resolve("host-side/note").toString().substring(1));
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
  void contextSymlinkPointingOut_isErrorNamingTheFile() throws Exception {
    Files.writeString(tmp.resolve("secret"), "s");
    Files.createSymbolicLink(ctx.resolve("leak"), tmp.resolve("secret"));
    assertThatThrownBy(() -> build("FROM scratch\nCOPY leak /leak\n"))
        .hasMessageContaining("Dockerfile:2")
        .hasMessageContaining("context file leak");
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
  void registryBase_isClearError() {
    assertThatThrownBy(() -> build("ARG BASE_IMAGE=almalinux:9\nFROM ${BASE_IMAGE}\n"))
        .hasMessageContaining("FROM almalinux:9 (Dockerfile:2): registry pulls are not supported")
        .hasMessageContaining("--base almalinux:9=");
  }

  private static void run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }
}
