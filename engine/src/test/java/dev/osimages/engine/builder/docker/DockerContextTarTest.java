package dev.osimages.engine.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.builder.BuildContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The context sent to the daemon: what .dockerignore keeps, and a .dockerignore of its own. */
class DockerContextTarTest {
  @TempDir Path tmp;

  @Test
  void dockerignoredMembersAreNotListed_andTheDaemonIsToldToDropTheDockerfile() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.createDirectories(ctx.resolve("docs"));
    Files.writeString(ctx.resolve(".dockerignore"), "*.log\ndocs\n!docs/keep.md\n");
    Files.writeString(ctx.resolve("a.log"), "x");
    Files.writeString(ctx.resolve("kept"), "x");
    Files.writeString(ctx.resolve("docs/keep.md"), "x");
    Files.writeString(ctx.resolve("docs/drop.md"), "x");
    Path df = Files.writeString(tmp.resolve("Dockerfile"), "FROM x\n");
    Path work = Files.createDirectories(tmp.resolve("work"));
    List<String> argv = ContextTar.command(BuildContext.of(ctx), df, work);
    assertThat(argv).contains("--files-from=" + work.resolve("root-0.list"));
    String list = Files.readString(work.resolve("root-0.list"), StandardCharsets.UTF_8);
    assertThat(Arrays.asList(list.split("\0")))
        .containsExactlyInAnyOrder("./docs", "./docs/keep.md", "./kept");
    assertThat(work.resolve(".dockerignore")).hasContent(".dockerignore\n.osimages.Dockerfile");
    assertThat(argv.subList(argv.size() - 2, argv.size()))
        .containsExactly("--directory=" + work, ".dockerignore");
  }
}
