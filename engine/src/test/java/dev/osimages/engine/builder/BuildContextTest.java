package dev.osimages.engine.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {
  @TempDir Path tmp;

  @Test
  void dockerignore_ofTheLastRootThatHasOne_applies() throws Exception {
    Files.createDirectories(tmp.resolve("common"));
    Files.createDirectories(tmp.resolve("debian"));
    Files.createDirectories(tmp.resolve("extra"));
    Files.writeString(tmp.resolve("common/.dockerignore"), "*.log\n");
    Files.writeString(tmp.resolve("debian/.dockerignore"), "*.tmp\n");
    BuildContext ctx =
        BuildContext.of(
            List.of(tmp.resolve("common"), tmp.resolve("debian"), tmp.resolve("extra")));
    assertThat(ctx.excluded("a.tmp", false)).isTrue();
    assertThat(ctx.excluded("a.log", false)).isFalse();
  }

  @Test
  void withoutDockerignore_nothingIsExcluded() throws Exception {
    BuildContext ctx = BuildContext.of(Files.createDirectories(tmp.resolve("ctx")));
    assertThat(ctx.ignore()).isSameAs(DockerIgnore.NONE);
    assertThat(ctx.excluded("anything", true)).isFalse();
  }

  @Test
  void malformedDockerignore_namesFileAndLine() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(dir.resolve(".dockerignore"), "# fine\n*.log\nbad[\n");
    BuildContext ctx = BuildContext.of(dir);
    assertThatThrownBy(ctx::ignore)
        .isInstanceOf(BuildContext.ContextException.class)
        .hasMessageContaining(".dockerignore:3: bad pattern bad[");
  }

  @Test
  void missingRoot_isError() {
    assertThatThrownBy(() -> BuildContext.of(tmp.resolve("nope")))
        .hasMessageContaining("build context directory not found");
  }
}
