package dev.osimages.engine.builder.conformance;

import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.DaemonImage;
import dev.osimages.engine.builder.docker.DockerBuilder;
import dev.osimages.engine.builder.docker.DockerDaemon;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The engine's Docker backend (the daemon's classic builder) on the same private daemon: builds a
 * case's request, exports the image as the engine does (a container's export) and extracts it with
 * GNU tar, then drops what the image's {@link DaemonImage#edit} drops from the stream (Docker's
 * init-layer placeholders), so the tree is the one the engine would publish.
 */
final class DockerSide implements AutoCloseable {
  private final DockerDaemon daemon;
  private final DockerBuilder builder;

  DockerSide(String host, Path state) {
    this.daemon = DockerDaemon.connect(Map.of("DOCKER_HOST", host), DockerDaemon.API_VERSION);
    this.builder = new DockerBuilder(daemon, state.resolve("bases"), state.resolve("logs"));
  }

  /**
   * The daemon's own untar (dockerd re-executed to pivot or chroot into the container) failed once
   * in a full run on a loaded machine, in a case that passes otherwise, with {@code Error
   * processing tar file(exit status 1): Error after fallback to chroot: no such file or directory}:
   * a fault inside the daemon, not an answer to the request, so such a build is tried once more
   * (and says so).
   */
  private static final String DAEMON_UNTAR_FAULT = "Error after fallback to chroot";

  /** Builds {@code req}; the tree goes to {@code rootfs}. A failure is returned, not thrown. */
  BuildKitSide.Outcome build(BuildRequest req, Path rootfs) throws Exception {
    BuildResult r;
    try {
      r = builder.build(req, EventListener.NONE);
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).contains(DAEMON_UNTAR_FAULT)) {
        return new BuildKitSide.Outcome(rootfs, false, e.getMessage());
      }
      System.out.printf(
          "conformance: %s: docker backend again after: %s%n", req.cell(), e.getMessage());
      try {
        r = builder.build(req, EventListener.NONE);
      } catch (RuntimeException again) {
        return new BuildKitSide.Outcome(rootfs, false, again.getMessage());
      }
    }
    DaemonImage image = r.daemonImage().orElseThrow();
    Files.createDirectories(rootfs);
    Path tar = rootfs.resolveSibling(rootfs.getFileName() + ".tar");
    try (InputStream in = image.openTar()) {
      Files.copy(in, tar);
    }
    BuildKitSide.extract(tar, rootfs);
    dropTraces(image, rootfs);
    return new BuildKitSide.Outcome(rootfs, true, "");
  }

  private static void dropTraces(DaemonImage image, Path root) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = s.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      if (p.equals(root)) {
        continue;
      }
      DaemonImage.Kind kind =
          Files.isSymbolicLink(p)
              ? DaemonImage.Kind.SYMLINK
              : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                  ? DaemonImage.Kind.DIRECTORY
                  : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                      ? DaemonImage.Kind.FILE
                      : DaemonImage.Kind.OTHER;
      long size = kind == DaemonImage.Kind.FILE ? Files.size(p) : 0;
      String link = kind == DaemonImage.Kind.SYMLINK ? Files.readSymbolicLink(p).toString() : "";
      if (image.edit("/" + root.relativize(p), kind, size, link) == DaemonImage.Edit.DROP) {
        Trees.delete(p);
      }
    }
  }

  @Override
  public void close() {
    daemon.close();
  }
}
