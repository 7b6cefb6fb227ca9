package dev.osimages.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.NetworkMode;
import dev.osimages.engine.model.NetworkPolicy;
import dev.osimages.engine.model.PackageManager;
import dev.osimages.engine.model.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The network default counts in the input hash when declared other than default; allowHost never.
 */
class NetworkHashTest {
  private static final SourcePosition AT = new SourcePosition("images.yaml", 1, 1);

  private static String hash(Optional<NetworkMode> mode, Optional<Boolean> allowHost) {
    Cell cell =
        new Cell(
            "d/1",
            "d",
            "1",
            "d",
            Map.of("A", "1"),
            new Base.Registry("d:1"),
            Path.of("/decl/t"),
            List.of(),
            PackageManager.DPKG,
            Path.of("/decl/out"),
            List.of(),
            List.of(),
            AT,
            Map.of(),
            new NetworkPolicy(mode, allowHost, AT));
    return InputHasher.hash(cell, "FROM x\nRUN true\n", Hygiene.declared(true), Optional.empty());
  }

  @Test
  void defaultMode_andAllowHost_leaveTheHashAsWithoutSettings() {
    String unset = hash(Optional.empty(), Optional.empty());
    assertThat(hash(Optional.of(NetworkMode.DEFAULT), Optional.empty())).isEqualTo(unset);
    assertThat(hash(Optional.empty(), Optional.of(true))).isEqualTo(unset);
  }

  @Test
  void noneAndHost_changeTheHash() {
    assertThat(
            List.of(
                hash(Optional.empty(), Optional.empty()),
                hash(Optional.of(NetworkMode.NONE), Optional.empty()),
                hash(Optional.of(NetworkMode.HOST), Optional.of(true))))
        .doesNotHaveDuplicates();
  }
}
