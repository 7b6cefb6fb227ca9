package dev.osimages.engine.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.declaration.DeclarationLoader;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.model.NetworkMode;
import dev.osimages.engine.model.NetworkPolicy;
import dev.osimages.engine.model.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** images.yaml's {@code network} settings: read at every level, merged per cell. */
class NetworkSettingsTest {
  @TempDir Path dir;

  private Map<String, NetworkPolicy> cells() throws Exception {
    Files.writeString(dir.resolve("t.mustache"), "FROM scratch\n");
    Path file = dir.resolve("images.yaml");
    Files.writeString(
        file,
        """
        output: {root: out}
        network:
          default: none
        distros:
          debian:
            packageManager: dpkg
            template: t.mustache
            network: {allowHost: true}
            versions:
              "12": {base: {image: "debian:12"}}
              "13":
                base: {image: "debian:13"}
                network: {default: host}
          alma:
            packageManager: rpm
            template: t.mustache
            versions:
              "9": {base: {image: "almalinux:9"}}
        variants:
          fw:
            version: "1-${base.os}"
            bases: [debian/13]
            template: t.mustache
            network: {default: default}
        """);
    return new MatrixExpander(DeclarationLoader.load(file).declaration(), Map.of(), Channel.STABLE)
        .expand().stream().collect(Collectors.toMap(Cell::id, Cell::network, (a, b) -> a));
  }

  @Test
  void levels_topDistroVersion_mergeKeyByKey() throws Exception {
    Map<String, NetworkPolicy> n = cells();
    assertThat(n.get("debian/12").mode()).isEqualTo(NetworkMode.NONE);
    assertThat(n.get("debian/12").hostAllowed()).isTrue();
    assertThat(n.get("debian/13").mode()).isEqualTo(NetworkMode.HOST);
    assertThat(n.get("debian/13").position().line()).isEqualTo(13);
    assertThat(n.get("alma/9").mode()).isEqualTo(NetworkMode.NONE);
    assertThat(n.get("alma/9").hostAllowed()).isFalse();
    assertThat(n.get("alma/9").position())
        .isEqualTo(new SourcePosition(dir.resolve("images.yaml").toString(), 3, 12));
  }

  @Test
  void variant_takesTheTopLevelAndItsOwn_notItsBases() throws Exception {
    NetworkPolicy fw = cells().get("fw/1-debian");
    assertThat(fw.mode()).isEqualTo(NetworkMode.DEFAULT);
    assertThat(fw.hostAllowed()).isFalse();
  }

  @Test
  void noNetworkKey_isUnset() throws Exception {
    Files.writeString(dir.resolve("t.mustache"), "FROM scratch\n");
    Path file = dir.resolve("images.yaml");
    Files.writeString(
        file,
        "output: {root: out}\ndistros:\n  d:\n    packageManager: dpkg\n    template: t.mustache\n"
            + "    versions:\n      \"1\": {base: {image: \"d:1\"}}\n");
    Function<Cell, NetworkPolicy> network = Cell::network;
    assertThat(
            new MatrixExpander(DeclarationLoader.load(file).declaration(), Map.of(), Channel.STABLE)
                .expand().stream().map(network).toList())
        .containsExactly(NetworkPolicy.UNSET);
  }
}
