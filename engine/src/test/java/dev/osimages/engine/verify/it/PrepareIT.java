package dev.osimages.engine.verify.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.verify.targets.LayeredFiles;
import dev.osimages.engine.verify.targets.Preparation;
import dev.osimages.engine.verify.targets.Preparer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepare step on a tiny busybox image (as root, real namespaces and overlayfs): files land in
 * a layer of their own, resolved inside the image; the command sees proc, sys, dev, only its own
 * loopback and exactly the declared environment; a failing or hanging command is one line naming
 * what happened; the image never changes and nothing is left mounted or running.
 */
class PrepareIT {
  @TempDir Path dir;
  Path image;
  Path inputs;

  @BeforeEach
  void tinyImage() throws Exception {
    image = dir.resolve("image");
    for (String d : List.of("bin", "etc", "tmp", "proc", "sys", "dev", "run", "usr/local/sbin")) {
      Files.createDirectories(image.resolve(d));
    }
    Files.copy(Path.of("/bin/busybox"), image.resolve("bin/busybox"));
    for (String tool :
        List.of(
            "sh", "cp", "mkdir", "rm", "chmod", "dirname", "cat", "env", "ls", "test", "sleep",
            "echo", "sort", "true")) {
      Files.createSymbolicLink(image.resolve("bin/" + tool), Path.of("busybox"));
    }
    Files.writeString(image.resolve("etc/remove-me"), "from the image\n");
    inputs = Files.createDirectories(dir.resolve("inputs/etc/metal")).getParent().getParent();
    Files.writeString(inputs.resolve("etc/metal/install.yaml"), "hostname: machine\n");
  }

  private Preparation prep(List<String> run, Duration timeout, Preparation.CopyIn... files) {
    return new Preparation("t", List.of(files), run, Map.of("GREETING", "hi"), timeout);
  }

  @Test
  void copiesFilesAndRunsTheCommand_isolated_inALayerOfItsOwn() throws Exception {
    Path script = dir.resolve("provision");
    Files.writeString(
        script,
        """
        #!/bin/sh
        set -e
        env | sort > /env.txt
        ls /sys/class/net > /netdevs.txt
        test -c /dev/null && test -r /proc/self/status && test -d /sys/kernel && echo ok > /mounts.txt
        cat /etc/metal/install.yaml > /seen.txt
        ls -A /run > /run-listing.txt
        rm /etc/remove-me
        echo provisioned
        """);
    try (Preparer.Layer layer =
        Preparer.prepare(
            image,
            prep(
                List.of("provision"),
                Duration.ofSeconds(60),
                new Preparation.CopyIn(inputs, "/", null),
                new Preparation.CopyIn(script, "/usr/local/sbin/provision", 0755)))) {
      Path up = layer.path();
      assertThat(layer.output()).contains("provisioned");
      assertThat(Files.readAllLines(up.resolve("env.txt")))
          .as("exactly the declared environment, PATH and HOME (and what sh itself exports)")
          .contains("GREETING=hi", "HOME=/root")
          .anyMatch(l -> l.startsWith("PATH=/usr/local/sbin:"))
          .noneMatch(l -> l.startsWith("JAVA_HOME=") || l.startsWith("MAVEN"));
      assertThat(up.resolve("netdevs.txt")).hasContent("lo");
      assertThat(up.resolve("mounts.txt")).hasContent("ok");
      assertThat(up.resolve("seen.txt")).hasContent("hostname: machine");
      assertThat(up.resolve("run-listing.txt")).as("the staged sources are gone").isEmptyFile();
      assertThat(Files.getPosixFilePermissions(up.resolve("usr/local/sbin/provision")))
          .hasSize(7); // rwxr-xr-x
      LayeredFiles view = new LayeredFiles(List.of(up, image));
      assertThat(view.read("/etc/metal/install.yaml")).isEqualTo("hostname: machine\n");
      assertThatThrownBy(() -> view.read("/etc/remove-me"))
          .as("a file the command deleted is whited out in the layer")
          .isInstanceOf(NoSuchFileException.class);
    }
    assertThat(image.resolve("etc/remove-me")).as("the image itself is untouched").exists();
    assertThat(image.resolve("etc/metal")).doesNotExist();
    assertThat(image.resolve("env.txt")).doesNotExist();
    assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain("engine-verify-prepare");
  }

  @Test
  void failingCommand_isOneLineWithItsStatusAndLastOutput() {
    assertThatThrownBy(
            () ->
                Preparer.prepare(
                    image,
                    prep(
                        List.of("sh", "-c", "echo partial; echo inputs missing >&2; exit 3"),
                        Duration.ofSeconds(60))))
        .isInstanceOf(Preparer.Failed.class)
        .hasMessage(
            "sh -c echo partial; echo inputs missing >&2; exit 3 exited with status 3;"
                + " last output: inputs missing");
    assertThat(image.resolve("tmp")).isEmptyDirectory();
  }

  @Test
  void hangingCommand_isKilledAtTheTimeout_andNothingIsLeftRunning() throws Exception {
    long start = System.nanoTime();
    assertThatThrownBy(
            () -> Preparer.prepare(image, prep(List.of("sleep", "4711"), Duration.ofSeconds(2))))
        .isInstanceOf(Preparer.Failed.class)
        .hasMessageStartingWith("sleep 4711 did not finish within 2 s (killed)");
    assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(30);
    Thread.sleep(500);
    assertThat(
            ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("sleep 4711")))
        .isEmpty();
    assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain("engine-verify-prepare");
  }

  @Test
  void targetsThroughLinksInTheImage_resolveInsideIt_neverOnTheHost() throws Exception {
    Path host = Files.createDirectories(dir.resolve("host-side"));
    Path file = dir.resolve("planted");
    Files.writeString(file, "should never reach the host\n");
    // An absolute link to the host's directory: inside the image that path is the image's own.
    Files.createSymbolicLink(image.resolve("etc/absolute"), host.toAbsolutePath());
    Files.createDirectories(image.resolve(host.toAbsolutePath().toString().substring(1)));
    try (Preparer.Layer layer =
        Preparer.prepare(
            image,
            prep(
                List.of("true"),
                Duration.ofSeconds(60),
                new Preparation.CopyIn(file, "/etc/absolute/planted", null)))) {
      assertThat(new LayeredFiles(List.of(layer.path(), image)).read("/etc/absolute/planted"))
          .isEqualTo("should never reach the host\n");
      assertThat(layer.path().resolve(host.toAbsolutePath().toString().substring(1) + "/planted"))
          .as("it landed in the prepared layer, where the link leads inside the image")
          .exists();
    }
    // A relative link climbing out: inside the image '..' stops at its root, where nothing is.
    Files.createSymbolicLink(image.resolve("etc/relative"), Path.of("../../../../../" + host));
    Files.createSymbolicLink(image.resolve("etc/dangling"), Path.of("/nowhere"));
    for (String target : List.of("/etc/relative/planted", "/etc/dangling/planted")) {
      try (Preparer.Layer layer =
          Preparer.prepare(
              image,
              prep(
                  List.of("true"),
                  Duration.ofSeconds(60),
                  new Preparation.CopyIn(file, target, null)))) {
        assertThat(new LayeredFiles(List.of(layer.path(), image)).read(target))
            .isEqualTo("should never reach the host\n");
      } catch (Preparer.Failed e) {
        assertThat(e)
            .hasMessageStartingWith("copying the files into the image failed; last output:");
      }
    }
    assertThat(host).as("nothing reached the host's directory").isEmptyDirectory();
  }

  @Test
  void apiFilesystemMountPointThatIsALink_isRefused() throws Exception {
    Path host = Files.createDirectories(dir.resolve("host-proc"));
    Files.delete(image.resolve("proc"));
    Files.createSymbolicLink(image.resolve("proc"), host.toAbsolutePath());
    assertThatThrownBy(() -> Preparer.prepare(image, prep(List.of("true"), Duration.ofSeconds(60))))
        .isInstanceOf(Preparer.Failed.class)
        .hasMessage("/proc is a symbolic link in the image; refusing to mount over it");
    assertThat(host).isEmptyDirectory();
  }
}
