package dev.osimages.engine.builder.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerStackTest {
  @TempDir Path tmp;

  @Test
  void resolve_absoluteLinkStaysInsideImage() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base"));
    Files.createDirectories(base.resolve("usr/lib"));
    Files.createSymbolicLink(base.resolve("lib"), Path.of("usr/lib"));
    Files.createSymbolicLink(base.resolve("escape"), Path.of("/etc"));
    Files.createSymbolicLink(base.resolve("up"), Path.of("../../../.."));
    LayerStack s = new LayerStack(List.of(base));
    assertThat(s.resolve("/lib/x", true)).isEqualTo("usr/lib/x");
    assertThat(s.resolve("/escape/passwd", true)).isEqualTo("etc/passwd");
    assertThat(s.resolve("/up/etc", true)).isEqualTo("etc");
    assertThat(s.resolve("/lib", false)).isEqualTo("lib");
  }

  @Test
  void upperLayerWins_andListsMerge() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base/etc"));
    Path top = Files.createDirectories(tmp.resolve("top/etc"));
    Files.writeString(base.resolve("a"), "base");
    Files.writeString(base.resolve("b"), "base");
    Files.writeString(top.resolve("a"), "top");
    LayerStack s = new LayerStack(List.of(tmp.resolve("base"), tmp.resolve("top")));
    assertThat(Files.readString(s.find("etc/a").orElseThrow())).isEqualTo("top");
    assertThat(Files.readString(s.find("etc/b").orElseThrow())).isEqualTo("base");
    assertThat(s.list("etc")).containsExactly("a", "b");
  }

  @Test
  void opaqueDirectory_hidesLowerContent() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base/var/x"));
    Files.writeString(base.resolve("old"), "old");
    Path top = Files.createDirectories(tmp.resolve("top/var/x"));
    Files.writeString(top.resolve("new"), "new");
    Files.getFileAttributeView(top, UserDefinedFileAttributeView.class)
        .write("overlay.opaque", ByteBuffer.wrap(new byte[] {'y'}));
    LayerStack s = new LayerStack(List.of(tmp.resolve("base"), tmp.resolve("top")));
    assertThat(s.find("var/x/old")).isEmpty();
    assertThat(s.find("var/x/new")).isPresent();
    assertThat(s.list("var/x")).containsExactly("new");
  }

  @Test
  void fileInUpperLayer_hidesLowerDirectory() throws Exception {
    Files.createDirectories(tmp.resolve("base/d/sub"));
    Files.createDirectories(tmp.resolve("top"));
    Files.writeString(tmp.resolve("top/d"), "now a file");
    LayerStack s = new LayerStack(List.of(tmp.resolve("base"), tmp.resolve("top")));
    assertThat(s.find("d/sub")).isEmpty();
    assertThat(Files.isRegularFile(s.find("d").orElseThrow())).isTrue();
  }
}
