package dev.osimages.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.PackageManager;
import dev.osimages.engine.model.PrepareSpec;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.model.TestAssignment;
import dev.osimages.engine.verify.VerifyRequest;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a cell's test matrix becomes verifications: shared systems and systems of their own. */
class TestRunsTest {
  private static final PrepareSpec PREPARE =
      new PrepareSpec(
          List.of(new PrepareSpec.File("/repo/provision/inputs/machine", "/", null)),
          List.of("metal-provision"),
          Map.of("INSTALL_FROM_CI", "true"),
          Duration.ofSeconds(60));

  private static TestAssignment plain(String name, TargetKind... targets) {
    return new TestAssignment(
        name, Path.of("/repo/goss/" + name + ".yaml"), Map.of(), List.of(targets));
  }

  private static Cell cell(TestAssignment... tests) {
    return new Cell(
        "debian/13",
        "debian",
        "13",
        "debian",
        Map.of(),
        new Base.Registry("debian:13"),
        Path.of("/repo/t.mustache"),
        List.of(),
        PackageManager.DPKG,
        Path.of("/out"),
        List.of(),
        List.of(tests),
        new SourcePosition("images.yaml", 1, 1),
        Map.of());
  }

  private static final TestAssignment PROVISIONED =
      new TestAssignment(
          "provisioned",
          Path.of("/repo/goss/provisioned.yaml"),
          Map.of("nics", List.of("00:03:00:11:11:01")),
          List.of(TargetKind.VM),
          Map.of("OS", "debian"),
          Optional.of(PREPARE),
          List.of("00:03:00:11:11:01"));

  @Test
  void plainSuitesShareOneSystemPerTarget_provisionedOnesGetTheirOwn() {
    List<TestRuns.TestRun> runs =
        TestRuns.of(
            cell(
                plain("machine", TargetKind.ROOTFS, TargetKind.VM),
                PROVISIONED,
                plain("extra", TargetKind.VM)),
            Optional.empty());
    assertThat(runs)
        .extracting(TestRuns.TestRun::label)
        .containsExactly("rootfs", "vm", "vm (test provisioned)");
    assertThat(runs.get(1).tests())
        .extracting(TestAssignment::name)
        .containsExactly("machine", "extra");
  }

  @Test
  void request_carriesPreparationNicsAndEnv_varsOverridden() {
    TestRuns.TestRun run = TestRuns.of(cell(PROVISIONED), Optional.empty()).get(0);
    VerifyRequest r =
        run.request("debian/13", Path.of("/rootfs"), TargetOptions.defaults(), Map.of("x", 1L));
    assertThat(r.target()).isEqualTo(TargetKind.VM);
    assertThat(r.nics()).containsExactly("00:03:00:11:11:01");
    assertThat(r.suites().get(0).env()).containsEntry("OS", "debian");
    assertThat(r.suites().get(0).vars()).containsEntry("x", 1L).containsKey("nics");
    assertThat(r.prepare()).isPresent();
    assertThat(r.prepare().get().test()).isEqualTo("provisioned");
    assertThat(r.prepare().get().files().get(0).source())
        .isEqualTo(Path.of("/repo/provision/inputs/machine"));
    assertThat(r.prepare().get().command()).containsExactly("metal-provision");
    assertThat(r.prepare().get().timeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void targetOverride_movesEveryRunToThatTarget() {
    List<TestRuns.TestRun> runs =
        TestRuns.of(
            cell(plain("machine", TargetKind.VM), PROVISIONED), Optional.of(TargetKind.ROOTFS));
    assertThat(runs).extracting(r -> r.target()).containsOnly(TargetKind.ROOTFS);
    assertThat(runs).hasSize(2);
    VerifyRequest provisioned =
        runs.get(1).request("debian/13", Path.of("/r"), TargetOptions.defaults(), Map.of());
    assertThat(provisioned.prepare()).as("still provisioned").isPresent();
    assertThat(provisioned.nics()).as("NICs are the vm target's").isEmpty();
  }

  @Test
  void noTests_noRuns() {
    assertThat(TestRuns.of(cell(), Optional.empty())).isEmpty();
  }
}
