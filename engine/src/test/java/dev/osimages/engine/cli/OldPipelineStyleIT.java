package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.builder.LoopbackHttp;
import dev.osimages.engine.host.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A Dockerfile written like the old pipeline's (named contexts ctx, cloudinit and baseapp, a
 * download pinned with ADD --checksum, stages) builds unchanged with {@code engine build
 * --dockerfile ... --build-context ...}, baseapp bound to a cell of a declaration as bake binds
 * {@code target:debian}; and the same constructs work from images.yaml ({@code namedContexts},
 * {@code secrets}). The cell is a busybox bootstrap (one small package from the Debian archive);
 * the download comes from a server on 127.0.0.1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OldPipelineStyleIT {
  private static final Path FIXTURE = Path.of("src/test/resources/old-pipeline-style");
  static Path tmp;
  static LoopbackHttp http;
  static String toolSum;

  @BeforeAll
  static void setUp() throws Exception {
    tmp = Files.createTempDirectory("old-style-it-");
    Path src = Files.createDirectories(tmp.resolve("tool-src"));
    Files.writeString(src.resolve("tool"), "#!/bin/sh\necho tool ran\n");
    Path tarball = tmp.resolve("tool.tar.gz");
    Process tar =
        new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", src.toString(), "tool")
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    byte[] bytes = Files.readAllBytes(tarball);
    toolSum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    http = new LoopbackHttp();
    http.put("/releases/tool_Linux_x86_64.tar.gz", bytes);
  }

  @AfterAll
  static void tearDown() {
    http.close();
    Trees.delete(tmp);
  }

  @Test
  @Order(1)
  void dockerfileInTheOldStyle_buildsWithBuildContexts_baseappBeingACell() throws Exception {
    Path out = tmp.resolve("out");
    Cli r =
        Cli.run(
            "build",
            "--dockerfile",
            FIXTURE.resolve("Dockerfile").toString(),
            "-f",
            FIXTURE.resolve("images.yaml").toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "--build-context",
            "ctx=" + FIXTURE.resolve("machine/context"),
            "--build-context",
            "cloudinit=" + FIXTURE.resolve("machine/cloud-init"),
            "--build-context",
            "baseapp=cell:machine/1",
            "--build-arg",
            "TOOL_RELEASE=" + http.url("/releases/tool_Linux_x86_64.tar.gz"),
            "--build-arg",
            "TOOL_CHECKSUM=sha256:" + toolSum,
            "--output",
            out.toString(),
            "-q");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(out.resolve("etc/metal/role")).hasContent("machine");
    assertThat(out.resolve("etc/metal/tool.out")).hasContent("tool ran");
    assertThat(out.resolve("etc/systemd/system/cloud-init-custom.service")).exists();
    assertThat(out.resolve("etc/metal/cloud-init-custom.sh")).isExecutable();
    assertThat(Files.getAttribute(out.resolve("etc/ssh/sshd_config"), "unix:mode"))
        .isEqualTo(0100600);
    assertThat(out.resolve("download")).as("the pulling stage is not in the result").doesNotExist();
    assertThat(r.out()).doesNotContain("not pinned");
  }

  @Test
  @Order(2)
  void declaredNamedContextsAndSecrets_buildACellOnAnother_andPlanListsThem() throws Exception {
    String yaml = FIXTURE.resolve("images.yaml").toString();
    Cli plan = Cli.run("plan", "-f", yaml);
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("named contexts:")
        .contains(
            "tools/1: baseapp=cell machine/1, cloudinit=dir machine/cloud-init, ctx=dir"
                + " tools/context");
    Cli build =
        Cli.inNewJvm(
            env -> env.put("OLD_STYLE_TOKEN", "token-9d1c"),
            tmp,
            "build",
            "-f",
            yaml,
            "tools/1",
            "--state-dir",
            tmp.resolve("state").toString(),
            "-q");
    assertThat(build.code()).as(build.out() + build.err()).isZero();
    // A declared cell's result is its stack of step layers in the state directory's cache.
    Path layers = tmp.resolve("state/layers");
    assertThat(inLayers(layers, "etc/tools/tools.conf")).hasContent("tools=1");
    assertThat(inLayers(layers, "etc/metal/cloud-init-custom.sh")).exists();
    assertThat(inLayers(layers, "etc/tools/token.sha256"))
        .hasContent(
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest("token-9d1c".getBytes())));
    Cli missing =
        Cli.inNewJvm(
            env -> env.remove("OLD_STYLE_TOKEN"),
            tmp,
            "build",
            "-f",
            yaml,
            "tools/1",
            "--state-dir",
            tmp.resolve("state").toString(),
            "--no-cache",
            "-q");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .contains(
            "tools/1: Dockerfile:6: RUN sha256sum /run/secrets/token | cut -c1-64 >"
                + " /etc/tools/token.sha256: secret 'token': environment variable OLD_STYLE_TOKEN"
                + " is not set");
  }

  /** A step layer of the cache that holds {@code path} (the first found). */
  private static Path inLayers(Path layers, String path) throws java.io.IOException {
    try (java.util.stream.Stream<Path> dirs = Files.list(layers)) {
      List<Path> found =
          dirs.map(d -> d.resolve("diff").resolve(path)).filter(Files::exists).toList();
      assertThat(found).as(path + " in the step layers").isNotEmpty();
      return found.get(0);
    }
  }
}
