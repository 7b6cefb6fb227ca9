package dev.osimages.engine.verify.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an image's file through its layers, links resolved inside the image (no root needed). */
class LayeredFilesTest {
  @TempDir Path dir;
  Path upper;
  Path image;
  Path host;

  @BeforeEach
  void layers() throws Exception {
    upper = Files.createDirectories(dir.resolve("upper"));
    image = Files.createDirectories(dir.resolve("image"));
    host = Files.createDirectories(dir.resolve("host"));
    Files.writeString(host.resolve("secret"), "the host's file\n");
    Files.createDirectories(image.resolve("etc"));
    Files.writeString(image.resolve("etc/os-release"), "ID=debian\n");
    Files.writeString(image.resolve("etc/hostname"), "from-the-image\n");
    Files.createDirectories(upper.resolve("etc"));
    Files.writeString(upper.resolve("etc/hostname"), "machine\n");
  }

  private String read(String path) throws Exception {
    return new LayeredFiles(List.of(upper, image)).read(path);
  }

  @Test
  void upperLayerWins_lowerShowsThrough() throws Exception {
    assertThat(read("/etc/hostname")).isEqualTo("machine\n");
    assertThat(read("/etc/os-release")).isEqualTo("ID=debian\n");
    assertThat(read("/etc/./../etc//os-release")).isEqualTo("ID=debian\n");
  }

  @Test
  void absoluteAndClimbingLinks_resolveInsideTheImage() throws Exception {
    Files.createSymbolicLink(image.resolve("etc/abs"), host.resolve("secret").toAbsolutePath());
    Files.createSymbolicLink(
        image.resolve("etc/climb"), Path.of("../../../../../../" + host.resolve("secret")));
    Files.createSymbolicLink(image.resolve("etc/release"), Path.of("/etc/os-release"));
    Files.createSymbolicLink(upper.resolve("etc/chain"), Path.of("release"));
    assertThatThrownBy(() -> read("/etc/abs")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> read("/etc/climb")).isInstanceOf(NoSuchFileException.class);
    assertThat(read("/etc/chain"))
        .as("a link in one layer to a link in another")
        .isEqualTo("ID=debian\n");
  }

  @Test
  void aLayerWhosePathLeadsThroughALink_isNotConsulted() throws Exception {
    Files.createSymbolicLink(upper.resolve("var"), host.toAbsolutePath());
    assertThatThrownBy(() -> read("/var/secret")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void loopsAndDirectories_areErrors() throws Exception {
    Files.createSymbolicLink(image.resolve("etc/loop"), Path.of("loop"));
    assertThatThrownBy(() -> read("/etc/loop"))
        .hasMessageContaining("too many levels of symbolic links");
    assertThatThrownBy(() -> read("/etc")).hasMessageContaining("not a regular file");
  }
}
