package dev.osimages.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {
  @TempDir Path dir;

  @Test
  void sweep_removesAKilledEnginesWork_andKeepsTheCache() throws Exception {
    StateDir state = new StateDir(dir);
    Path step = Files.createDirectories(state.tmp().resolve("step-123/upper/etc"));
    Files.writeString(step.resolve("file"), "half done");
    Path halfBase = Files.createDirectories(state.bases().resolve(".tmp-bootstrap-9/rootfs"));
    Path replaced = Files.createDirectories(state.layers().resolve(".old-abc-17/diff"));
    Path halfFile = Files.writeString(dir.resolve(".cache.properties.42.tmp"), "x");
    Path flattened = Files.createDirectories(dir.resolve("images/0123/rootfs"));
    Path layer = Files.createDirectories(state.layers().resolve("0123456789abcdef/diff"));
    Path base = Files.createDirectories(state.bases().resolve("bootstrap-1/rootfs"));
    Path log = Files.writeString(Files.createDirectories(state.logs()).resolve("cell.log"), "l");

    assertThat(Leftovers.sweep(state))
        .contains(state.tmp().resolve("step-123"), halfBase.getParent(), replaced.getParent())
        .contains(halfFile, dir.resolve("images"));

    assertThat(state.tmp()).isEmptyDirectory();
    assertThat(halfBase.getParent()).doesNotExist();
    assertThat(replaced.getParent()).doesNotExist();
    assertThat(halfFile).doesNotExist();
    assertThat(flattened).doesNotExist();
    assertThat(layer).isDirectory();
    assertThat(base).isDirectory();
    assertThat(log).exists();
  }

  @Test
  void sweep_ofAnEmptyState_removesNothing() {
    assertThat(Leftovers.sweep(new StateDir(dir.resolve("absent")))).isEmpty();
    assertThat(Leftovers.sweep(new StateDir(dir))).isEmpty();
  }
}
