package dev.osimages.engine.review;

import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A read-only copy of a git revision of the repository holding a declaration, extracted with {@code
 * git archive | tar -x} into a temporary directory that {@link #close()} removes. The declaration's
 * path inside it mirrors its path in the work tree.
 */
public final class GitRevision implements AutoCloseable {
  private final Path root;
  private final Path declaration;

  private GitRevision(Path root, Path declaration) {
    this.root = root;
    this.declaration = declaration;
  }

  /**
   * Extracts {@code ref} of the repository containing {@code declaration}.
   *
   * @throws IOException when git fails (not a repository, unknown ref), with git's message
   */
  public static GitRevision extract(Path declaration, String ref) throws IOException {
    Path abs = declaration.toAbsolutePath().normalize();
    String top = run(abs.getParent(), "git", "rev-parse", "--show-toplevel").strip();
    Path repo = Path.of(top);
    String commit;
    try {
      commit = run(repo, "git", "rev-parse", "--verify", "--quiet", ref + "^{commit}").strip();
    } catch (IOException e) {
      throw new IOException("'" + ref + "' names no commit in " + repo, e);
    }
    Path tmp = Files.createTempDirectory("engine-diff-");
    try {
      run(
          repo,
          "sh",
          "-c",
          "git archive --format=tar \"$1\" | tar -x -C \"$2\"",
          "sh",
          commit,
          tmp.toString());
    } catch (IOException e) {
      Trees.delete(tmp);
      throw e;
    }
    return new GitRevision(tmp, tmp.resolve(repo.relativize(abs)));
  }

  /** The declaration file inside the extracted revision. */
  public Path declaration() {
    return declaration;
  }

  /** The directory the extracted revision lives in. */
  public Path root() {
    return root;
  }

  @Override
  public void close() throws IOException {
    Trees.delete(root);
  }

  private static String run(Path dir, String... cmd) throws IOException {
    HostCommand.Captured r;
    try {
      r = HostCommand.capture(List.of(cmd), dir);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (!r.ok()) {
      throw new IOException(cmd[0] + " exited " + r.exitCode() + ": " + r.stderr().strip());
    }
    return r.stdout();
  }
}
