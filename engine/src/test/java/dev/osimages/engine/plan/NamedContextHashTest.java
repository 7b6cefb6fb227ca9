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
import dev.osimages.engine.model.NamedContextSpec;
import dev.osimages.engine.model.Output;
import dev.osimages.engine.model.PackageManager;
import dev.osimages.engine.model.SecretSpec;
import dev.osimages.engine.model.SourceMap;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.model.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named contexts count in the input hash (a directory's files, a cell's input hash) and order the
 * plan; secrets never count, neither their sources nor their values.
 */
class NamedContextHashTest {
  private static final SourcePosition AT = new SourcePosition("images.yaml", 1, 1);
  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    for (String f : List.of("debian/context/etc/motd", "fw/context/etc/nft.conf", "token.txt")) {
      Path p = dir.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f + "\n");
    }
  }

  private Declaration declaration(Map<String, SecretSpec> secrets) {
    Base boot =
        new Base.Bootstrap("trixie", "minbase", List.of("main"), List.of(), Optional.empty());
    Distro debian =
        new Distro(
            "debian",
            PackageManager.DPKG,
            "t",
            List.of(),
            Map.of(),
            List.of(new DistroVersion("13", Map.of(), boot, AT)),
            AT,
            Map.of("ctx", new NamedContextSpec.Dir(Path.of("debian/context"))));
    Distro ubuntu =
        new Distro(
            "ubuntu",
            PackageManager.DPKG,
            "t",
            List.of(),
            Map.of(),
            List.of(new DistroVersion("24.04", Map.of(), boot, AT)),
            AT);
    // Built on ubuntu, but reads debian/13 through a named context (bake's target:debian).
    Variant tools =
        new Variant(
            "tools",
            "${base.version}",
            List.of("ubuntu/24.04"),
            "t",
            List.of(),
            Map.of(),
            AT,
            Map.of(
                "ctx", new NamedContextSpec.Dir(Path.of("fw/context")),
                "baseapp", new NamedContextSpec.CellRef("debian/13")));
    return new Declaration(
        dir.resolve("images.yaml"),
        dir,
        new Output("out", "stable", 9, Output.DEFAULT_HC_MIN_SAVING, List.of()),
        Hygiene.declared(true),
        Map.of(),
        List.of(debian, ubuntu),
        List.of(tools),
        List.of(),
        List.of(),
        new SourceMap("images.yaml", Map.of()),
        secrets);
  }

  private Plan plan(Map<String, SecretSpec> secrets, Selection selection) {
    List<Cell> cells = new MatrixExpander(declaration(secrets), Map.of(), Channel.STABLE).expand();
    return new Planner(c -> "FROM x\n", Hygiene.declared(true)).plan(cells, selection);
  }

  private Map<String, String> hashes() {
    Map<String, String> out = new TreeMap<>();
    plan(Map.of(), Selection.ALL).cells().forEach(p -> out.put(p.cell().id(), p.inputHash()));
    return out;
  }

  private static List<String> changed(Map<String, String> a, Map<String, String> b) {
    return a.keySet().stream().filter(id -> !a.get(id).equals(b.get(id))).toList();
  }

  @Test
  void namedDirectoryChange_reachesTheCellsDeclaringIt_andThoseReadingThemAsContext()
      throws IOException {
    Map<String, String> before = hashes();
    Files.writeString(dir.resolve("debian/context/etc/motd"), "changed\n");
    assertThat(changed(before, hashes())).containsExactly("debian/13", "tools/24.04");
  }

  @Test
  void variantNamedDirectoryChange_reachesOnlyTheVariant() throws IOException {
    Map<String, String> before = hashes();
    Files.writeString(dir.resolve("fw/context/etc/new.conf"), "x");
    assertThat(changed(before, hashes())).containsExactly("tools/24.04");
  }

  @Test
  void cellContext_isPlannedFirst_evenWhenOnlyTheReaderIsSelected() {
    Plan p = plan(Map.of(), Selection.of(List.of("tools/*"), List.of()));
    assertThat(p.cells().stream().map(c -> c.cell().id()))
        .containsExactly("debian/13", "ubuntu/24.04", "tools/24.04");
    assertThat(p.selected()).hasSize(1);
  }

  @Test
  void labelledInputs_nameEachNamedContext_andItsFiles() {
    PlannedCell tools = plan(Map.of(), Selection.ALL).cell("tools/24.04").orElseThrow();
    String debianHash = plan(Map.of(), Selection.ALL).cell("debian/13").orElseThrow().inputHash();
    assertThat(tools.inputs())
        .containsEntry(
            "named context baseapp", "cell debian/13, input " + debianHash.substring(0, 12))
        .containsKey("named context ctx")
        .containsKey("context ctx:etc/nft.conf");
  }

  @Test
  void secrets_neverCount_notTheirSourcesNorTheirValues() throws IOException {
    Map<String, String> without = hashes();
    Map<String, String> with = new TreeMap<>();
    plan(Map.of("token", new SecretSpec.File("token.txt")), Selection.ALL)
        .cells()
        .forEach(p -> with.put(p.cell().id(), p.inputHash()));
    Files.writeString(dir.resolve("token.txt"), "another value\n");
    Map<String, String> changedValue = new TreeMap<>();
    plan(Map.of("token", new SecretSpec.Env("TOKEN")), Selection.ALL)
        .cells()
        .forEach(p -> changedValue.put(p.cell().id(), p.inputHash()));
    assertThat(with).isEqualTo(without);
    assertThat(changedValue).isEqualTo(without);
    plan(Map.of("token", new SecretSpec.File("token.txt")), Selection.ALL)
        .cells()
        .forEach(
            p ->
                assertThat(String.join("\n", p.inputs().values()) + p.inputs().keySet())
                    .doesNotContain("another value")
                    .doesNotContain("token"));
  }
}
