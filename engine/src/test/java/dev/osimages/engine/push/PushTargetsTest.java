package dev.osimages.engine.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.model.Output;
import dev.osimages.engine.registry.ImageRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushTargetsTest {
  private static final Cell CELL =
      new Cell(
          "firewall/3.0-ubuntu",
          "firewall",
          "3.0-ubuntu",
          "ubuntu",
          java.util.Map.of(),
          new dev.osimages.engine.model.Base.CellRef("ubuntu/24.04"),
          java.nio.file.Path.of("/t"),
          List.of(),
          dev.osimages.engine.model.PackageManager.DPKG,
          java.nio.file.Path.of("/o"),
          List.of(),
          List.of(),
          null);

  private static List<String> tags(Channel ch, Output.Registry reg, String override) {
    return PushTargets.of(CELL, ch, reg, override).stream().map(ImageRef::toString).toList();
  }

  @Test
  void defaultTags_reproduceTheOldPipelinesScheme() {
    Output.Registry reg = new Output.Registry("ghcr.example/metal", List.of(), "gzip");
    assertThat(tags(Channel.STABLE, reg, ""))
        .containsExactly("ghcr.example/metal/firewall:3.0-ubuntu-stable");
    assertThat(tags(Channel.parse("pr:42-fix-grub"), reg, ""))
        .containsExactly("ghcr.example/metal/firewall:3.0-ubuntu-fix-grub");
    assertThat(tags(Channel.parse("release:20260101"), reg, ""))
        .containsExactly("ghcr.example/metal/firewall:3.0-ubuntu-20260101");
  }

  @Test
  void templatesAndTheRegistryOption_override() {
    Output.Registry reg =
        new Output.Registry("ghcr.example/metal", List.of("{os}:{version}", "{os}:latest"), "zstd");
    assertThat(tags(Channel.STABLE, reg, "127.0.0.1:5000/test/"))
        .containsExactly(
            "127.0.0.1:5000/test/firewall:3.0-ubuntu", "127.0.0.1:5000/test/firewall:latest");
  }

  @Test
  void noPrefixAnywhere_isAnErrorNamingBothPlaces() {
    assertThatThrownBy(() -> tags(Channel.STABLE, Output.Registry.DEFAULT, ""))
        .hasMessageContaining("output.registry.prefix")
        .hasMessageContaining("--registry");
  }
}
