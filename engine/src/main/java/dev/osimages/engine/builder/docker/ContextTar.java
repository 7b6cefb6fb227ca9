package dev.osimages.engine.builder.docker;

import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildException;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.StreamingCommand;
import dev.osimages.engine.host.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The build context the daemon receives, streamed by GNU tar (only the file lists are written to
 * disk): the context roots in order, so the daemon's extraction lets later roots override earlier
 * ones file by file as the chroot backend merges them, without what the context's {@code
 * .dockerignore} leaves out (the daemon does not read it: the docker CLI filters the context it
 * sends, and so does this), then the rendered Dockerfile under {@link #NAME}, and last a {@code
 * .dockerignore} naming that file and itself: the classic builder removes from the context what
 * that file names among the Dockerfile and itself, so neither reaches a {@code COPY .} (the docker
 * CLI does the same with a Dockerfile from outside the context). Owners become root, as Docker's
 * COPY makes them anyway; links are archived as links, and the daemon keeps them inside the
 * context.
 */
final class ContextTar implements AutoCloseable {
  /** The Dockerfile's name inside the context: not a name a context is likely to hold. */
  static final String NAME = ".osimages.Dockerfile";

  private final StreamingCommand tar;
  private final Path work;

  private ContextTar(StreamingCommand tar, Path work) {
    this.tar = tar;
    this.work = work;
  }

  /**
   * The tar command for {@code context} and {@code dockerfile}; the list of each root's members
   * (NUL-separated, what {@code .dockerignore} leaves is not in it) is written into {@code work}.
   */
  static List<String> command(BuildContext context, Path dockerfile, Path work) throws IOException {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "tar",
                "--create",
                "--file=-",
                "--numeric-owner",
                "--owner=0",
                "--group=0",
                "--null",
                "--no-recursion",
                "--transform=flags=r;s,^Dockerfile$," + NAME + ","));
    int n = 0;
    for (Path root : context.roots()) {
      Path list = work.resolve("root-" + n++ + ".list");
      Files.write(list, members(context, root));
      argv.add("--directory=" + root);
      argv.add("--files-from=" + list);
    }
    argv.add("--directory=" + dockerfile.toAbsolutePath().getParent());
    argv.add(dockerfile.getFileName().toString());
    Files.writeString(
        work.resolve(BuildContext.IGNORE_FILE),
        BuildContext.IGNORE_FILE + "\n" + NAME + "\n",
        StandardCharsets.UTF_8);
    argv.add("--directory=" + work);
    argv.add(BuildContext.IGNORE_FILE);
    return argv;
  }

  /** The members of {@code root} the context keeps, NUL-separated, parents before children. */
  private static byte[] members(BuildContext context, Path root) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
            String rel = root.relativize(d).toString();
            if (rel.isEmpty()) {
              return FileVisitResult.CONTINUE;
            }
            if (context.excluded(rel, true)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            add(rel);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
            String rel = root.relativize(f).toString();
            // The context's .dockerignore is applied here; the daemon gets one of its own, last.
            if (!context.excluded(rel, false) && !rel.equals(BuildContext.IGNORE_FILE)) {
              add(rel);
            }
            return FileVisitResult.CONTINUE;
          }

          private void add(String rel) {
            out.writeBytes(("./" + rel).getBytes(StandardCharsets.UTF_8));
            out.write(0);
          }
        });
    return out.toByteArray();
  }

  /** Starts streaming; read {@link #stream}, then {@link #close} checks tar's exit status. */
  static ContextTar start(BuildContext context, Path dockerfile) {
    if (!dockerfile.getFileName().toString().equals("Dockerfile")) {
      throw new IllegalArgumentException("the rendered Dockerfile must be named Dockerfile");
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("osimages-context-");
      return new ContextTar(HostCommand.stream(command(context, dockerfile, work), null), work);
    } catch (IOException | RuntimeException e) {
      if (work != null) {
        Trees.delete(work);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException("cannot list the build context", (IOException) e);
    }
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
    Trees.delete(work);
  }
}
