package dev.osimages.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.matrix.MatrixExpander;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Distro;
import dev.osimages.engine.model.DistroVersion;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.Output;
import dev.osimages.engine.model.PackageManager;
import dev.osimages.engine.model.SourceMap;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.model.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changing one input changes exactly the cells that use it and the cells built on them. */
class InputHashTest {
  private static final SourcePosition AT = new SourcePosition("images.yaml", 1, 1);
  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    for (String f :
        List.of(
            "contexts/common/etc/motd",
            "contexts/debian/etc/debian.conf",
            "contexts/ubuntu/etc/ubuntu.conf",
            "contexts/firewall/etc/nft.conf")) {
      Path p = dir.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f + "\n");
    }
  }

  private Declaration declaration(Map<String, String> args) {
    Base boot =
        new Base.Bootstrap(
            "trixie", "minbase", List.of("main"), List.of(), Optional.empty(), Optional.empty());
    Distro debian =
        new Distro(
            "debian",
            PackageManager.DPKG,
            "t",
            List.of("contexts/common", "contexts/debian"),
            Map.of(),
            List.of(
                new DistroVersion("12", Map.of("CODENAME", "bookworm"), boot, AT),
                new DistroVersion("13", Map.of("CODENAME", "trixie"), boot, AT)),
            AT);
    Distro ubuntu =
        new Distro(
            "ubuntu",
            PackageManager.DPKG,
            "t",
            List.of("contexts/common", "contexts/ubuntu"),
            Map.of(),
            List.of(new DistroVersion("24.04", Map.of(), boot, AT)),
            AT);
    Variant firewall =
        new Variant(
            "firewall",
            "3.0-${base.os}",
            List.of("debian/13", "ubuntu/24.04"),
            "t",
            List.of("contexts/firewall"),
            Map.of(),
            AT);
    return new Declaration(
        dir.resolve("images.yaml"),
        dir,
        new Output("out", "stable", 9, Output.DEFAULT_HC_MIN_SAVING, List.of()),
        Hygiene.declared(true),
        args,
        List.of(debian, ubuntu),
        List.of(firewall),
        List.of(),
        List.of(),
        new SourceMap("images.yaml", Map.of()));
  }

  private Map<String, String> hashes(Map<String, String> args) {
    List<Cell> cells = new MatrixExpander(declaration(args), Map.of(), Channel.STABLE).expand();
    Planner planner = new Planner(c -> "FROM x\nARG CODENAME=" + c.args(), Hygiene.declared(true));
    Map<String, String> out = new TreeMap<>();
    planner.plan(cells, Selection.ALL).cells().forEach(p -> out.put(p.cell().id(), p.inputHash()));
    return out;
  }

  private static List<String> changed(Map<String, String> before, Map<String, String> after) {
    return before.keySet().stream().filter(id -> !before.get(id).equals(after.get(id))).toList();
  }

  @Test
  void hash_isStableAcrossRuns() {
    assertThat(hashes(Map.of())).isEqualTo(hashes(Map.of()));
  }

  /**
   * A pinned hash: it must not depend on anything that varies between JVM runs (Map.copyOf's
   * iteration order is randomized per run, so with ten args an order leak fails here at once).
   * Change the expected value only together with {@link InputHasher#VERSION}.
   */
  @Test
  void hash_isTheSameInEveryJvmRun() {
    Map<String, String> args = new java.util.HashMap<>();
    for (int i = 0; i < 10; i++) {
      args.put("ARG_" + (char) ('A' + i), "value-" + i);
    }
    Cell cell =
        cellOn(
            Map.copyOf(args),
            new Base.Bootstrap(
                "trixie",
                "minbase",
                List.of("main"),
                List.of(),
                Optional.empty(),
                Optional.empty()));
    assertThat(InputHasher.hash(cell, "FROM x\n", Hygiene.declared(true), Optional.empty()))
        .isEqualTo("51d8ae0e792701b9c06877e0619826fa03fd80da54c08ae44e73a55893b4d401");
  }

  /** The pinned hash above has no archive key; declaring one, or another one, changes the hash. */
  @Test
  void hash_archiveKeyCounts() {
    java.util.function.Function<Optional<Base.ArchiveKey>, String> hash =
        key ->
            InputHasher.hash(
                cellOn(
                    Map.of(),
                    new Base.Bootstrap(
                        "noble", "minbase", List.of("main"), List.of(), Optional.empty(), key)),
                "FROM x\n",
                Hygiene.declared(true),
                Optional.empty());
    String file = "usr/share/keyrings/ubuntu-archive-keyring.gpg";
    String none = hash.apply(Optional.empty());
    String k2018 =
        hash.apply(
            Optional.of(
                new Base.ArchiveKey(
                    "ubuntu-keyring", file, "F6ECB3762474EDA9D21B7022871920D1991BC93C")));
    String k2012 =
        hash.apply(
            Optional.of(
                new Base.ArchiveKey(
                    "ubuntu-keyring", file, "790BC7277767219C42C86F933B4FE6ACC0B21F32")));
    assertThat(List.of(none, k2018, k2012)).doesNotHaveDuplicates();
  }

  private Cell cellOn(Map<String, String> args, Base base) {
    return new Cell(
        "debian/13",
        "debian",
        "13",
        "debian",
        args,
        base,
        dir.resolve("t"),
        List.of(),
        PackageManager.DPKG,
        dir.resolve("out"),
        List.of(),
        List.of(),
        AT);
  }

  @Test
  void hash_debianContextChangeReachesDebianCellsAndTheirDerivedCellOnly() throws IOException {
    Map<String, String> before = hashes(Map.of());
    Files.writeString(dir.resolve("contexts/debian/etc/debian.conf"), "changed\n");
    assertThat(changed(before, hashes(Map.of())))
        .containsExactly("debian/12", "debian/13", "firewall/3.0-debian");
  }

  @Test
  void hash_commonContextChangeReachesEveryCell() throws IOException {
    Map<String, String> before = hashes(Map.of());
    Files.writeString(dir.resolve("contexts/common/etc/motd"), "changed\n");
    assertThat(changed(before, hashes(Map.of()))).hasSize(5);
  }

  @Test
  void hash_variantContextChangeReachesOnlyVariantCells() throws IOException {
    Map<String, String> before = hashes(Map.of());
    Files.writeString(dir.resolve("contexts/firewall/etc/nft.conf"), "changed\n");
    assertThat(changed(before, hashes(Map.of())))
        .containsExactly("firewall/3.0-debian", "firewall/3.0-ubuntu");
  }

  @Test
  void hash_modeChangeCounts() throws IOException {
    Map<String, String> before = hashes(Map.of());
    Files.setPosixFilePermissions(
        dir.resolve("contexts/ubuntu/etc/ubuntu.conf"),
        PosixFilePermissions.fromString("rwx------"));
    assertThat(changed(before, hashes(Map.of())))
        .containsExactly("firewall/3.0-ubuntu", "ubuntu/24.04");
  }

  @Test
  void hash_permissionBitsGitDoesNotRecordDoNotCount() throws IOException {
    Map<String, String> before = hashes(Map.of());
    Files.setPosixFilePermissions(
        dir.resolve("contexts/ubuntu/etc/ubuntu.conf"),
        PosixFilePermissions.fromString("rw-------"));
    assertThat(changed(before, hashes(Map.of()))).isEmpty();
  }

  @Test
  void hash_newFileCounts() throws IOException {
    Map<String, String> before = hashes(Map.of());
    Files.writeString(dir.resolve("contexts/ubuntu/etc/new.conf"), "x");
    assertThat(changed(before, hashes(Map.of())))
        .containsExactly("firewall/3.0-ubuntu", "ubuntu/24.04");
  }

  @Test
  void hash_argChangeReachesEveryCellRenderingIt() {
    assertThat(changed(hashes(Map.of()), hashes(Map.of("NEW", "1")))).hasSize(5);
  }
}
