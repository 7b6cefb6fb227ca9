package dev.osimages.engine.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.PrepareSpec;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.model.TestAssignment;
import dev.osimages.engine.model.TestSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test's env, prepare step and NICs as each cell gets them: placeholders and paths resolved. */
class TestEnvironmentExpansionTest {
  @TempDir Path dir;

  private TestAssignment provisionedOf(String cellId) {
    Declaration sample = Declarations.sample(dir);
    TestSpec spec =
        new TestSpec(
            "provisioned",
            "goss/provisioned.yaml",
            List.of("debian/13", "firewall/*"),
            List.of(TargetKind.VM),
            Map.of(),
            Map.of("OS", "{distro}", "IMAGE", "{os}-{version}", "CELL", "{id}", "PLAIN", "{x}"),
            Optional.of(
                new PrepareSpec(
                    List.of(new PrepareSpec.File("provision/inputs/machine", "/", null)),
                    List.of("metal-provision"),
                    Map.of("WHO", "{id}"),
                    Duration.ofSeconds(30))),
            List.of("00:03:00:11:11:01"),
            Declarations.AT);
    Declaration d =
        new Declaration(
            sample.file(),
            sample.baseDir(),
            sample.output(),
            sample.hygiene(),
            sample.args(),
            sample.distros(),
            sample.variants(),
            List.of(spec),
            sample.profiles(),
            sample.sources());
    Cell cell =
        new MatrixExpander(d, Map.of(), Channel.STABLE)
            .expand().stream().filter(c -> c.id().equals(cellId)).findFirst().orElseThrow();
    return cell.tests().get(0);
  }

  @Test
  void envPlaceholders_nameTheCell_distroIsTheRootDistro() {
    TestAssignment t = provisionedOf("firewall/3.0-debian");
    assertThat(t.env())
        .containsEntry("OS", "debian")
        .containsEntry("IMAGE", "firewall-3.0-debian")
        .containsEntry("CELL", "firewall/3.0-debian")
        .as("an unknown {word} is left alone (validate reports it)")
        .containsEntry("PLAIN", "{x}");
    assertThat(t.prepare().orElseThrow().env()).containsEntry("WHO", "firewall/3.0-debian");
    assertThat(t.nics()).containsExactly("00:03:00:11:11:01");
    assertThat(t.needsOwnSystem()).isTrue();
  }

  @Test
  void prepareSources_becomeAbsolute_underTheDeclarationsDirectory() {
    TestAssignment t = provisionedOf("debian/13");
    PrepareSpec.File f = t.prepare().orElseThrow().files().get(0);
    assertThat(Path.of(f.from())).isEqualTo(dir.resolve("provision/inputs/machine"));
    assertThat(f.to()).isEqualTo("/");
    assertThat(t.prepare().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(30));
  }
}
