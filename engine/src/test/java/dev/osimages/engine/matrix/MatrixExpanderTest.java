package dev.osimages.engine.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.model.PackageManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MatrixExpanderTest {
  private final Path dir = Path.of("/decl");

  private Map<String, Cell> expand(Map<String, String> overrides, Channel channel) {
    return new MatrixExpander(Declarations.sample(dir), overrides, channel)
        .expand().stream().collect(Collectors.toMap(Cell::id, Function.identity()));
  }

  @Test
  void expand_yieldsOneCellPerVersionAndPerVariantBase() {
    List<String> ids =
        new MatrixExpander(Declarations.sample(dir), Map.of(), Channel.STABLE)
            .expand().stream().map(Cell::id).toList();
    assertThat(ids)
        .containsExactly(
            "debian/12",
            "debian/13",
            "almalinux/9",
            "firewall/3.0-debian",
            "firewall/3.0-almalinux",
            "hardened/3.0-debian");
  }

  @Test
  void expand_argsFollowPrecedenceDefaultsDistroVersionVariantOverride() {
    Map<String, Cell> cells = expand(Map.of(), Channel.STABLE);
    assertThat(cells.get("debian/12").args()).containsEntry("SHARED", "distro");
    assertThat(cells.get("debian/13").args()).containsEntry("SHARED", "version");
    assertThat(cells.get("almalinux/9").args()).containsEntry("SHARED", "default");
    assertThat(cells.get("firewall/3.0-debian").args())
        .containsEntry("SHARED", "variant")
        .containsEntry("CODENAME", "trixie")
        .containsEntry("ADMIN", "metal");

    Map<String, Cell> overridden = expand(Map.of("SHARED", "cli"), Channel.STABLE);
    assertThat(overridden.values())
        .allSatisfy(c -> assertThat(c.args()).containsEntry("SHARED", "cli"));
  }

  @Test
  void expand_variantInheritsBaseDistroAndPackageManager() {
    Cell hardened = expand(Map.of(), Channel.STABLE).get("hardened/3.0-debian");
    assertThat(hardened.distro()).isEqualTo("debian");
    assertThat(hardened.packageManager()).isEqualTo(PackageManager.DPKG);
    assertThat(hardened.base()).isEqualTo(new Base.CellRef("firewall/3.0-debian"));
  }

  @Test
  void expand_outputDirFollowsStoreLayoutPerChannel() {
    assertThat(expand(Map.of(), Channel.STABLE).get("firewall/3.0-debian").outputDir())
        .isEqualTo(Path.of("/decl/out/stable/firewall/3.0-debian"));
    assertThat(expand(Map.of(), Channel.parse("pr:42-fix-ssh")).get("debian/13").outputDir())
        .isEqualTo(Path.of("/decl/out/pull_requests/42-fix-ssh/debian/13"));
    assertThat(expand(Map.of(), Channel.parse("release:20260101")).get("debian/13").outputDir())
        .isEqualTo(Path.of("/decl/out/20260101/debian/13"));
  }

  @Test
  void expand_tagsAndTestsAreResolvedPerCell() {
    Map<String, Cell> cells = expand(Map.of(), Channel.STABLE);
    assertThat(cells.get("debian/13").tags()).containsExactly("metal/debian:13");
    assertThat(cells.get("debian/13").tests()).hasSize(1);
    assertThat(cells.get("debian/13").tests().get(0).gossfile())
        .isEqualTo(Path.of("/decl/goss/machine.yaml"));
    assertThat(cells.get("almalinux/9").tests()).isEmpty();
    assertThat(cells.get("firewall/3.0-debian").tests()).isEmpty();
  }

  @Test
  void expand_pathsResolveAgainstDeclarationDirectory() {
    Cell cell = expand(Map.of(), Channel.STABLE).get("debian/13");
    assertThat(cell.template()).isEqualTo(Path.of("/decl/templates/debian.mustache"));
    assertThat(cell.contexts())
        .containsExactly(Path.of("/decl/contexts/common"), Path.of("/decl/contexts/debian"));
  }
}
