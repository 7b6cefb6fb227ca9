package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.NeedsRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine run --matrix} end to end on a small declaration (a trixie minbase and two images
 * derived from it), as root with the real chroot backend, exporter and verifier: the first run
 * builds, exports, verifies (tools/13 also after a provisioning step, with env placeholders
 * resolved) and publishes; the second is a no-op; a cell whose suite fails, or whose provisioning
 * fails or hangs, is not published and fails the run with one line naming cell and test, while its
 * base stays published.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunMatrixIT {
  @TempDir static Path work;
  static Path declaration;
  static Path store;

  @BeforeAll
  static void copyDeclaration() throws IOException {
    NeedsRoot.assume("the chroot backend and the rootfs target");
    TestFiles.copyResources("e2e", work);
    declaration = work.resolve("images.yaml");
    store = work.resolve("out/stable");
  }

  private static Cli run(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(List.of("run", "--matrix", "-q", "-f", declaration.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void firstRun_buildsVerifiesAndPublishesEverySelectedCell() throws Exception {
    Path json = work.resolve("report.json");
    Cli r =
        run(
            "--except",
            "broken/*",
            "--except",
            "unprovisionable/*",
            "--except",
            "hanging/*",
            "--report-json",
            json.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    for (String id : List.of("mini/13", "tools/13")) {
      Path dir = store.resolve(id);
      assertThat(dir.resolve("img.tar.lz4")).isRegularFile();
      assertThat(dir.resolve("packages.txt")).content().contains("ii  dpkg ");
      assertThat(Files.readString(dir.resolve("manifest.json")))
          .contains("\"id\": \"" + id + "\"")
          .contains("\"builtWith\": \"chroot, hygiene 4\"");
      assertThat(TestFiles.sh(dir, "md5sum -c img.tar.lz4.md5")).contains("img.tar.lz4: OK");
      assertThat(TestFiles.sh(dir, "lz4 -dc img.tar.lz4 | tar -xOf - ./etc/greeting"))
          .startsWith("hello from mini/13");
    }
    // COPY etc/ /etc/ merges both context roots of mini/13.
    assertThat(
            TestFiles.sh(store.resolve("mini/13"), "lz4 -dc img.tar.lz4 | tar -xOf - ./etc/motd"))
        .isEqualTo("built by the engine's end-to-end test\n");
    assertThat(
            TestFiles.sh(
                store.resolve("mini/13"), "lz4 -dc img.tar.lz4 | tar -xOf - ./etc/extra.conf"))
        .isEqualTo("from the second context root\n");
    assertThat(
            TestFiles.sh(store.resolve("tools/13"), "lz4 -dc img.tar.lz4 | tar -xOf - ./etc/tool"))
        .isEqualTo("tools\n");
    assertThat(r.out()).containsPattern("mini/13 +ok ").containsPattern("tools/13 +ok ");
    assertThat(Files.readString(json)).contains("\"status\": \"ok\"").doesNotContain("failed\": 1");
  }

  @Test
  @Order(2)
  void secondRun_skipsEverythingAsUpToDate() {
    Cli r = run("--only", "mini/*", "--only", "tools/*");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .containsPattern("mini/13 +up to date")
        .containsPattern("tools/13 +up to date");
    assertThat(r.out()).doesNotContain("start build");
  }

  @Test
  @Order(3)
  void setBuiltByAnotherBackend_isNotUpToDate_andIsRebuilt() throws Exception {
    Path manifest = store.resolve("mini/13/manifest.json");
    String published = Files.readString(manifest);
    Files.writeString(
        manifest, published.replace("\"builtWith\": \"chroot,", "\"builtWith\": \"docker,"));
    Cli r = run("--only", "mini/13");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).containsPattern("mini/13 +ok ").doesNotContain("up to date");
    assertThat(Files.readString(manifest)).contains("\"builtWith\": \"chroot, hygiene 4\"");
    // A set from before the field (no builtWith at all) is rebuilt as well.
    Files.writeString(
        manifest, Files.readString(manifest).replaceAll("\"builtWith\": \"[^\"]*\",\n", ""));
    assertThat(run("--only", "mini/13").out()).containsPattern("mini/13 +ok ");
    assertThat(run("--only", "mini/13").out()).containsPattern("mini/13 +up to date");
  }

  @Test
  @Order(4)
  void failingSuite_failsTheCellAndPublishesNothingForIt() throws Exception {
    Path junit = work.resolve("junit.xml");
    Cli r = run("--only", "broken/*", "--report-junit", junit.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FAILED.code());
    assertThat(r.out()).containsPattern("broken/13 +failed");
    assertThat(r.out()).contains("\nbroken/13: verify: rootfs: 1 of ");
    // Nothing of the failed cell is left in the store: no set, no staged files.
    assertThat(store.resolve("broken/13")).doesNotExist();
    assertThat(store.resolve("broken")).as("the os directory its export created").doesNotExist();
    assertThat(TestFiles.sh(store, "find . -path './broken*' -type f")).isEmpty();
    assertThat(store.resolve("mini/13/img.tar.lz4")).isRegularFile();
    assertThat(Files.readString(junit)).contains("<failure message=\"failed\">");
  }

  @Test
  @Order(5)
  void failingOrHangingProvisioning_failsTheCellWithOneLine_andPublishesNothing() throws Exception {
    long start = System.nanoTime();
    Cli r = run("--only", "unprovisionable/*", "--only", "hanging/*");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FAILED.code());
    assertThat(r.out())
        .contains(
            "\nunprovisionable/13: verify: test prepare-fails: prepare: sh -c echo no inputs in"
                + " /etc/metal >&2; exit 3 exited with status 3; last output: no inputs in"
                + " /etc/metal\n")
        .contains(
            "\nhanging/13: verify: test prepare-hangs: prepare: sleep 600 did not finish within"
                + " 3 s (killed)\n");
    assertThat((System.nanoTime() - start) / 1_000_000_000).as("the timeout held").isLessThan(300);
    for (String os : List.of("unprovisionable", "hanging")) {
      assertThat(store.resolve(os)).doesNotExist();
    }
    assertThat(store.resolve("tools/13/img.tar.lz4")).isRegularFile();
    assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain("engine-verify");
  }
}
