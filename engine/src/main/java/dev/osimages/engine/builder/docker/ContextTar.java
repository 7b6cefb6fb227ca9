package dev.osimages.engine.builder.docker;

import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

  private final Process tar;
  private final Path errors;

  private ContextTar(Process tar, Path errors) {
    this.tar = tar;
    this.errors = errors;
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
    try {
      Path errors = Files.createTempFile("osimages-context-", ".err");
      Process p =
          new ProcessBuilder(command(context, dockerfile))
              .redirectError(errors.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      return new ContextTar(p, errors);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start tar for the build context", e);
    }
  }

  InputStream stream() {
    return tar.getInputStream();
  }

  /** Waits for tar; a failure names tar's own message. */
  void check(String cell) {
    try {
      if (!tar.waitFor(60, TimeUnit.SECONDS)) {
        throw new BuildException(cell + ": the build context tar did not finish", List.of());
      }
      if (tar.exitValue() != 0) {
        throw new BuildException(
            cell + ": cannot archive the build context (tar exit " + tar.exitValue() + ")",
            Files.readAllLines(errors, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException(cell + ": interrupted", e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + errors, e);
    }
  }

  @Override
  public void close() {
    tar.destroy();
    try {
      Files.deleteIfExists(errors);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + errors, e);
    }
  }
}
