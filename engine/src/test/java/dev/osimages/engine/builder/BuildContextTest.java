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
  void laterRootOverridesEarlier_andListsMerge() throws Exception {
    Path common = Files.createDirectories(tmp.resolve("common/etc"));
    Path debian = Files.createDirectories(tmp.resolve("debian/etc"));
    Files.writeString(common.resolve("a.conf"), "common");
    Files.writeString(common.resolve("b.conf"), "common");
    Files.writeString(debian.resolve("a.conf"), "debian");
    BuildContext ctx = BuildContext.of(List.of(tmp.resolve("common"), tmp.resolve("debian")));
    assertThat(Files.readString(ctx.real("etc/a.conf").orElseThrow())).isEqualTo("debian");
    assertThat(ctx.list("etc")).containsExactly("a.conf", "b.conf");
    assertThat(ctx.match("etc/*.conf")).containsExactly("etc/a.conf", "etc/b.conf");
    assertThat(ctx.match("/etc/[a]*")).containsExactly("etc/a.conf");
  }

  @Test
  void sources_ofADirectoryInSeveralRootsAreAllOfThemEarliestFirst() throws Exception {
    Files.createDirectories(tmp.resolve("common/etc/ssh"));
    Files.createDirectories(tmp.resolve("debian/etc/apt"));
    Files.writeString(tmp.resolve("common/etc/ssh/sshd_config"), "x");
    Files.writeString(tmp.resolve("debian/etc/only.conf"), "y");
    BuildContext ctx = BuildContext.of(List.of(tmp.resolve("common"), tmp.resolve("debian")));
    assertThat(ctx.sources("etc/"))
        .containsExactly(tmp.resolve("common/etc"), tmp.resolve("debian/etc"));
    assertThat(ctx.sources("etc/only.conf")).containsExactly(tmp.resolve("debian/etc/only.conf"));
    assertThat(ctx.sources("etc/missing")).isEmpty();
  }

  @Test
  void dotDotOutOfContext_isError() throws Exception {
    BuildContext ctx = BuildContext.of(Files.createDirectories(tmp.resolve("ctx")));
    assertThatThrownBy(() -> ctx.match("../secret"))
        .hasMessageContaining("outside the build context");
  }

  @Test
  void symlinkPointingOut_isErrorNamingTheFile() throws Exception {
    Path ctxDir = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(tmp.resolve("secret"), "x");
    Files.createSymbolicLink(ctxDir.resolve("leak"), tmp.resolve("secret"));
    BuildContext ctx = BuildContext.of(ctxDir);
    assertThatThrownBy(() -> ctx.real("leak"))
        .hasMessageContaining("context file leak")
        .hasMessageContaining("points outside the build context");
  }
}
