package dev.osimages.engine.builder.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BuildKit as Debian's dockerd 20.10 carries it, driven by that package's own CLI ({@code
 * /usr/bin/docker}: a newer CLI earlier on PATH may lack the built-in BuildKit client), exporting
 * the result as a tar that GNU tar then extracts as root, owners, devices and xattrs included.
 */
final class BuildKitSide {
  static final String DOCKER = "/usr/bin/docker";
  private final String host;

  BuildKitSide(String host) {
    this.host = host;
  }

  /** What a build gave: the extracted tree, or the CLI's output of a failure. */
  record Outcome(Path rootfs, boolean ok, String output) {}

  /** Builds {@code context} with {@code dockerfile}; extracts the result into {@code rootfs}. */
  Outcome build(
      Path context,
      Path dockerfile,
      Map<String, String> args,
      Map<String, String> secrets,
      Path rootfs)
      throws IOException, InterruptedException {
    Files.createDirectories(rootfs.getParent());
    Path tar = rootfs.resolveSibling(rootfs.getFileName() + ".tar");
    List<String> argv =
        new ArrayList<>(
            List.of(
                DOCKER,
                "-H",
                host,
                "build",
                "--network=none",
                "--progress=plain",
                "-o",
                "type=tar,dest=" + tar,
                "-f",
                dockerfile.toString()));
    args.forEach((k, v) -> argv.addAll(List.of("--build-arg", k + "=" + v)));
    secrets.forEach(
        (id, file) ->
            argv.addAll(List.of("--secret", "id=" + id + ",src=" + context.resolve(file))));
    argv.add(context.toString());
    String out = run(argv, Map.of("DOCKER_BUILDKIT", "1"));
    if (out != null) {
      return new Outcome(rootfs, false, out);
    }
    extract(tar, rootfs);
    return new Outcome(rootfs, true, "");
  }

  /**
   * Extracts {@code tar} into {@code rootfs} with GNU tar as root (owners, modes, devices, all
   * extended attributes), then deletes it.
   */
  static void extract(Path tar, Path rootfs) throws IOException, InterruptedException {
    Files.createDirectories(rootfs);
    String x =
        run(
            List.of(
                "tar",
                "--extract",
                "--file=" + tar,
                "--directory=" + rootfs,
                "--numeric-owner",
                "--same-owner",
                "--same-permissions",
                "--xattrs",
                "--xattrs-include=*"),
            Map.of());
    if (x != null) {
      throw new IllegalStateException("cannot extract " + tar + ": " + x);
    }
    Files.delete(tar);
  }

  /** Imports a root filesystem tarball as image {@code ref}. */
  void importImage(Path tarball, String ref) throws IOException, InterruptedException {
    String out = run(List.of(DOCKER, "-H", host, "import", tarball.toString(), ref), Map.of());
    if (out != null) {
      throw new IllegalStateException("docker import failed: " + out);
    }
  }

  /** Runs {@code argv}; null on success, else its combined output. */
  static String run(List<String> argv, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? null : out;
  }
}
