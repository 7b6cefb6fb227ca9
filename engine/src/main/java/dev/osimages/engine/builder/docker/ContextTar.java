package dev.osimages.engine.builder.docker;

import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildException;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.StreamingCommand;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The build context the daemon receives, streamed by GNU tar (nothing written to disk): the context
 * roots in order, so the daemon's extraction lets later roots override earlier ones file by file as
 * the chroot backend merges them, then the rendered Dockerfile under {@link #NAME}. Owners become
 * root, as Docker's COPY makes them anyway; links are archived as links, and the daemon keeps them
 * inside the context.
 */
final class ContextTar implements AutoCloseable {
  /** The Dockerfile's name inside the context: not a name a context is likely to hold. */
  static final String NAME = ".osimages.Dockerfile";

  private final StreamingCommand tar;

  private ContextTar(StreamingCommand tar) {
    this.tar = tar;
  }

  /** The tar command for {@code context} and {@code dockerfile}. */
  static List<String> command(BuildContext context, Path dockerfile) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "tar",
                "--create",
                "--file=-",
                "--numeric-owner",
                "--owner=0",
                "--group=0",
                "--transform=flags=r;s,^Dockerfile$," + NAME + ","));
    for (Path root : context.roots()) {
      argv.add("--directory=" + root);
      argv.add(".");
    }
    argv.add("--directory=" + dockerfile.toAbsolutePath().getParent());
    argv.add(dockerfile.getFileName().toString());
    return argv;
  }

  /** Starts streaming; read {@link #stream}, then {@link #close} checks tar's exit status. */
  static ContextTar start(BuildContext context, Path dockerfile) {
    if (!dockerfile.getFileName().toString().equals("Dockerfile")) {
      throw new IllegalArgumentException("the rendered Dockerfile must be named Dockerfile");
    }
    return new ContextTar(HostCommand.stream(command(context, dockerfile), null));
  }

  InputStream stream() {
    return tar.stdout();
  }

  /** Waits for tar; a failure names tar's own message. */
  void check(String cell) {
    HostCommand.Captured r =
        tar.await(Duration.ofSeconds(60))
            .orElseThrow(
                () ->
                    new BuildException(cell + ": the build context tar did not finish", List.of()));
    if (!r.ok()) {
      throw new BuildException(
          cell + ": cannot archive the build context (tar exit " + r.exitCode() + ")",
          r.stderr().lines().toList());
    }
  }

  @Override
  public void close() {
    tar.close();
  }
}
