package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.model.PackageManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code engine export} process with SIGKILL in the middle of its work and checks the
 * store: the previous complete set or the new complete set, never a tarball without its md5 or one
 * that does not match it. Also fills a small filesystem to the brim.
 */
class ExportKillIT {
  @TempDir static Path tmp;
  static Path small;
  static Path big;

  @BeforeAll
  static void trees() throws Exception {
    small = tmp.resolve("small");
    Files.createDirectories(small.resolve("etc"));
    Files.writeString(small.resolve("etc/hostname"), "previous\n");
    big = tmp.resolve("big");
    Files.createDirectories(big);
    // ~120 MB of base64 text: compressible, so level 12 keeps the exporter busy for seconds.
    TestTrees.sh(big, "for i in $(seq 1 24); do head -c 3900000 /dev/urandom | base64 > f$i; done");
  }

  private static Process engine(Path rootfs, Path out) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.osimages.engine.cli.Main",
            "export",
            rootfs.toString(),
            out.toString(),
            "--level",
            "12",
            "--threads",
            "2",
            "--package-manager",
            "none")
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("engine.log").toFile())
        .start();
  }

  @Test
  void killMidway_leavesThePreviousCompleteSet() throws Exception {
    Path out = tmp.resolve("store/stable/os/1");
    Process first = engine(small, out);
    assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(tmp.resolve("engine.log"))).isZero();
    String previous = Files.readString(out.resolve(ImageSet.MD5));

    for (long stagedBytes : new long[] {1, 8 << 20, 30 << 20}) {
      Process p = engine(big, out);
      waitForStagedBytes(out, stagedBytes, p);
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertCompleteSet(out);
      assertThat(Files.readString(out.resolve(ImageSet.MD5))).isEqualTo(previous);
      assertThat(visible(out.getParent())).containsExactly("1");
    }

    Process last = engine(big, out);
    assertThat(last.waitFor(600, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).as(Files.readString(tmp.resolve("engine.log"))).isZero();
    assertCompleteSet(out);
    assertThat(Files.readString(out.resolve(ImageSet.MD5))).isNotEqualTo(previous);
    try (Stream<Path> s = Files.list(out.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .as("stale staging removed")
          .containsExactly("1");
    }
  }

  @Test
  void publishKilledBetweenRenames_isRecoveredByTheNextExport() throws Exception {
    Path out = tmp.resolve("store/stable/os/2");
    Exporter exporter = new Exporter(EventListener.NONE);
    ExportOptions o =
        ExportOptions.defaults()
            .withPackageManager(PackageManager.NONE)
            .withSourceDateEpoch(OptionalLong.empty());
    new Publisher()
        .publish(exporter.stage("", small, out, o), new ManifestExtras("", "", "", null, null));
    String md5 = Files.readString(out.resolve(ImageSet.MD5));
    // What a kill between "rename old aside" and "rename new in" leaves behind:
    Files.move(out, out.resolveSibling(".2.old-deadbeef"));

    StagedExport staged = exporter.stage("", small, out, o);
    assertThat(Files.readString(out.resolve(ImageSet.MD5))).isEqualTo(md5);
    new Publisher().discard(staged);
    assertThat(visible(out.getParent())).contains("2");
    try (Stream<Path> s = Files.list(out.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".2."));
    }
  }

  @Test
  void fullDisk_isAClearError_andLeavesNothing() throws Exception {
    NeedsRoot.assume("mounting a 1 MiB tmpfs to fill");
    Path mnt = tmp.resolve("tiny");
    Files.createDirectories(mnt);
    TestTrees.sh(tmp, "mount -t tmpfs -o size=1m tmpfs " + mnt);
    try {
      Path out = mnt.resolve("stable/os/1");
      ExportOptions o = ExportOptions.defaults().withPackageManager(PackageManager.NONE);
      assertThatThrownBy(() -> new Exporter(EventListener.NONE).stage("os/1", big, out, o))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("os/1: export")
          .hasMessageContaining("disk full");
      // Not even the stable/os/ directories the export created for it.
      try (Stream<Path> s = Files.list(mnt)) {
        assertThat(s).isEmpty();
      }
    } finally {
      TestTrees.sh(tmp, "umount " + mnt);
    }
  }

  private static void waitForStagedBytes(Path out, long bytes, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (Stream<Path> s = Files.list(out.getParent())) {
        for (Path d : (Iterable<Path>) s::iterator) {
          Path tar = d.resolve(ImageSet.TARBALL);
          if (d.getFileName().toString().startsWith(".1.staging-")
              && Files.exists(tar)
              && Files.size(tar) >= bytes) {
            return;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "export never staged " + bytes + " bytes: " + Files.readString(tmp.resolve("engine.log")));
  }

  private static void assertCompleteSet(Path out) throws Exception {
    TestTrees.sh(out, "md5sum -c img.tar.lz4.md5 && lz4 -t img.tar.lz4");
    assertThat(new ImageSetChecker().check(out).ok()).isTrue();
  }

  private static List<String> visible(Path dir) throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .forEach(names::add);
    }
    return names;
  }
}
