package dev.osimages.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.matrix.MatrixExpander;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Distro;
import dev.osimages.engine.model.DistroVersion;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.NamedContextSpec;
import dev.osimages.engine.model.Output;
import dev.osimages.engine.model.PackageManager;
import dev.osimages.engine.model.SourceMap;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.model.TestSpec;
import dev.osimages.engine.plan.Plan;
import dev.osimages.engine.plan.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanDiffTest {
  private static final SourcePosition AT = new SourcePosition("images.yaml", 1, 1);

  private static final Base TRIXIE =
      new Base.Bootstrap(
          "trixie", "minbase", List.of("main"), List.of(), Optional.empty(), Optional.empty());

  private static Plan plan(Path dir, List<String> versions, String kernel) {
    return plan(dir, versions, kernel, TRIXIE, List.of());
  }

  private static Plan plan(
      Path dir, List<String> versions, String kernel, Base boot, List<String> contexts) {
    return plan(dir, versions, kernel, boot, contexts, Map.of());
  }

  private static Plan plan(
      Path dir,
      List<String> versions,
      String kernel,
      Base boot,
      List<String> contexts,
      Map<String, NamedContextSpec> named) {
    Distro debian =
        new Distro(
            "debian",
            PackageManager.DPKG,
            "t",
            contexts,
            Map.of("KERNEL", kernel),
            versions.stream().map(v -> new DistroVersion(v, Map.of(), boot, AT)).toList(),
            AT,
            named);
    TestSpec suite =
        new TestSpec(
            "machine",
            "goss/machine.yaml",
            List.of("**"),
            List.of(TargetKind.ROOTFS),
            Map.of(),
            AT);
    Declaration d =
        new Declaration(
            dir.resolve("images.yaml"),
            dir,
            new Output("out", "stable", 9, Output.DEFAULT_HC_MIN_SAVING, List.of()),
            Hygiene.declared(true),
            Map.of(),
            List.of(debian),
            List.of(),
            List.of(suite),
            List.of(),
            new SourceMap("images.yaml", Map.of()));
    return new Planner(
            c -> "FROM base\nRUN apt-get install " + c.args().get("KERNEL") + "\n",
            Hygiene.declared(true))
        .plan(
            new MatrixExpander(d, Map.of(), dev.osimages.engine.model.Channel.STABLE).expand(),
            Selection.ALL);
  }

  @Test
  void between_reportsAddedRemovedChangedWithArgsAndUnifiedDiffs(@TempDir Path tmp)
      throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Files.createDirectories(a.resolve("goss"));
    Files.createDirectories(b.resolve("goss"));
    Files.writeString(a.resolve("goss/machine.yaml"), "user:\n  metal:\n    exists: true\n");
    Files.writeString(b.resolve("goss/machine.yaml"), "user:\n  metal:\n    exists: false\n");

    List<CellChange> changes =
        PlanDiff.between(
            plan(a, List.of("12", "13"), "linux-image-amd64"),
            a,
            plan(b, List.of("13", "14"), "linux-image-cloud-amd64"),
            b);

    assertThat(changes)
        .extracting(CellChange::id)
        .containsExactly("debian/12", "debian/13", "debian/14");
    assertThat(changes)
        .extracting(CellChange::kind)
        .containsExactly(CellChange.Kind.REMOVED, CellChange.Kind.CHANGED, CellChange.Kind.ADDED);
    CellChange changed = changes.get(1);
    assertThat(changed.args())
        .containsEntry("KERNEL", List.of("linux-image-amd64", "linux-image-cloud-amd64"));
    assertThat(changed.diffs())
        .extracting(CellChange.FileDiff::name)
        .containsExactly("Dockerfile", "goss/machine.yaml");
    assertThat(changed.diffs().get(0).lines())
        .contains(
            "--- a/debian/13/Dockerfile",
            "-RUN apt-get install linux-image-amd64",
            "+RUN apt-get install linux-image-cloud-amd64");

    String md = DiffReport.markdown(changes, "main");
    assertThat(md)
        .contains("1 added, 1 removed, 1 changed against main", "```diff", "| `KERNEL` |");
    assertThat(DiffReport.text(changes, "main"))
        .contains("changed debian/13", "arg KERNEL: linux-image-amd64 -> linux-image-cloud-amd64");
  }

  @Test
  void between_namesChangedBaseAndContextFiles_whichNeitherArgsNorDiffsShow(@TempDir Path tmp)
      throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Files.createDirectories(a.resolve("ctx/etc"));
    Files.createDirectories(b.resolve("ctx/etc"));
    Files.writeString(a.resolve("ctx/etc/motd"), "hello\n");
    Files.writeString(b.resolve("ctx/etc/motd"), "hello, world\n");
    Files.writeString(b.resolve("ctx/etc/issue"), "new\n");
    Base keyed =
        new Base.Bootstrap(
            "trixie",
            "minbase",
            List.of("main"),
            List.of("apt"),
            Optional.empty(),
            Optional.of(new Base.ArchiveKey("k", "usr/share/keyrings/k.gpg", "F".repeat(40))));

    List<CellChange> changes =
        PlanDiff.between(
            plan(a, List.of("13"), "k", TRIXIE, List.of("ctx")),
            a,
            plan(b, List.of("13"), "k", keyed, List.of("ctx")),
            b);

    CellChange c = changes.get(0);
    assertThat(c.args()).isEmpty();
    assertThat(c.diffs()).isEmpty();
    assertThat(c.inputs()).containsOnlyKeys("base", "context etc/issue", "context etc/motd");
    assertThat(c.inputs().get("base"))
        .containsExactly(
            "bootstrap trixie, variant minbase, components main",
            "bootstrap trixie, variant minbase, components main, packages apt, key "
                + "F".repeat(40)
                + " from k /usr/share/keyrings/k.gpg");
    assertThat(c.inputs().get("context etc/issue").get(0)).isNull();
    assertThat(c.inputs().get("context etc/motd").get(1)).startsWith("file ");
    assertThat(DiffReport.text(changes, "main"))
        .contains(
            "  base: bootstrap trixie, variant minbase, components main -> bootstrap trixie,",
            "  context etc/issue: (unset) -> file ");
    assertThat(DiffReport.markdown(changes, "main"))
        .contains("| input | before | after |", "| `context etc/motd` |");
  }

  @Test
  void between_namesAChangedNamedContext_andItsChangedFile(@TempDir Path tmp) throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    for (Path side : List.of(a, b)) {
      Files.createDirectories(side.resolve("debian/cloud-init"));
      Files.writeString(side.resolve("debian/cloud-init/custom.sh"), "echo one\n");
    }
    Files.writeString(b.resolve("debian/cloud-init/custom.sh"), "echo two\n");
    Map<String, NamedContextSpec> named =
        Map.of("cloudinit", new NamedContextSpec.Dir(Path.of("debian/cloud-init")));

    List<CellChange> changes =
        PlanDiff.between(
            plan(a, List.of("13"), "k", TRIXIE, List.of(), named),
            a,
            plan(b, List.of("13"), "k", TRIXIE, List.of(), named),
            b);

    assertThat(changes.get(0).inputs())
        .containsOnlyKeys("named context cloudinit", "context cloudinit:custom.sh");
    assertThat(DiffReport.text(changes, "main"))
        .contains(
            "  named context cloudinit: dir, content ", "  context cloudinit:custom.sh: file 644 ");
  }

  @Test
  void between_identicalPlansHaveNoChanges(@TempDir Path tmp) {
    Plan p = plan(tmp, List.of("13"), "k");
    assertThat(PlanDiff.between(p, tmp, p, tmp)).isEmpty();
    assertThat(DiffReport.text(List.of(), "HEAD~1"))
        .isEqualTo("No image changes against HEAD~1.\n");
  }
}
