package dev.osimages.engine.provenance;

import dev.osimages.engine.host.HostCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a declaration comes from in git: the repository's top directory, the commit checked out,
 * the declaration's path in it, and whether any of the image's inputs differ from that commit
 * (modified, staged or untracked: then the commit alone does not reproduce the image).
 *
 * @param path the declaration's path relative to {@code top}
 */
public record GitSource(Path top, String commit, String path, boolean dirty) {
  /**
   * The git source of {@code declaration}, checking {@code inputs} (the declaration, templates,
   * contexts) for changes; empty when the declaration is not in a git work tree or git is missing.
   */
  public static Optional<GitSource> of(Path declaration, List<Path> inputs) {
    Path dir = declaration.toAbsolutePath().getParent();
    try {
      Optional<String> top = git(dir, List.of("rev-parse", "--show-toplevel"));
      Optional<String> commit = git(dir, List.of("rev-parse", "--verify", "HEAD"));
      if (top.isEmpty() || commit.isEmpty()) {
        return Optional.empty();
      }
      Path root = Path.of(top.get());
      List<String> status =
          new ArrayList<>(List.of("status", "--porcelain", "--untracked-files=all", "--"));
      inputs.forEach(p -> status.add(p.toAbsolutePath().toString()));
      Optional<String> changes = git(dir, status);
      Path rel = root.toRealPath().relativize(declaration.toAbsolutePath().toRealPath());
      return Optional.of(
          new GitSource(
              root, commit.get(), rel.toString(), changes.isEmpty() || !changes.get().isEmpty()));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty(); // not a checkout, or no git: the provenance says so
    }
  }

  private static Optional<String> git(Path dir, List<String> args) {
    List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
    argv.addAll(args);
    StringBuilder out = new StringBuilder();
    HostCommand.Result r = HostCommand.run(argv, null, Map.of(), l -> out.append(l).append('\n'));
    return r.ok() ? Optional.of(out.toString().strip()) : Optional.empty();
  }
}
