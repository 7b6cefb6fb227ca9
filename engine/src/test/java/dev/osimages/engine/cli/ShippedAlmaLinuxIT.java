package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.ShippedTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped AlmaLinux cells with the chroot backend: their base ({@code almalinux:9}, an alias of
 * Docker's public registry in the host's registries.conf, or Docker's convention without one) is
 * pulled daemonless wherever that registry is reachable. On the project's machines no public
 * registry is, so the run must fail at once with that reason, naming cell and reference, and
 * publish nothing; registries.conf is the test's own, to be independent of the host's.
 */
class ShippedAlmaLinuxIT {
  @TempDir Path dir;

  @Test
  void run_withoutARegistryInReach_failsFastNamingTheUnreachableRegistry() throws Exception {
    Path file = ShippedTree.copyTo(dir);
    Path conf = dir.resolve("registries.conf");
    Files.writeString(conf, "[aliases]\n\"almalinux\" = \"docker.io/library/almalinux\"\n");
    long t0 = System.nanoTime();
    Cli r =
        Cli.run(
            "run",
            "--matrix",
            "--only",
            "almalinux/9",
            "-q",
            "-f",
            file.toString(),
            "--profile",
            "distro",
            "--registries-conf",
            conf.toString(),
            "--state-dir",
            dir.resolve("state").toString());
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FAILED.code());
    assertThat(r.out())
        .containsPattern(
            "almalinux/9: FROM almalinux:9 \\([^)]*Dockerfile:\\d+\\):"
                + " docker\\.io/library/almalinux:9: registry unreachable: ")
        .doesNotContain("not supported");
    assertThat(dir.resolve("out/images/stable/almalinux/9")).doesNotExist();
    // Fails fast: no retries for a host that cannot be reached (20 s connect timeout at most).
    assertThat(seconds).isLessThan(60);
  }
}
