package dev.osimages.engine.builder;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A build context: directories merged in order, later ones overriding earlier ones file by file,
 * seen as one tree, minus what its {@code .dockerignore} leaves out. The {@code .dockerignore} is
 * the merged tree's (the last root that has one), read once, when a backend first asks for it (a
 * build, before any step runs, so a malformed one is reported with the cell). Backends resolve
 * paths inside this tree themselves and never follow a link out of it.
 */
public final class BuildContext {
  /** The file Docker reads the context's ignore patterns from. */
  public static final String IGNORE_FILE = ".dockerignore";

  private final List<Path> roots;
  private DockerIgnore ignore;

  private BuildContext(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /** A context over {@code roots} (earliest first; they must exist). */
  public static BuildContext of(List<Path> roots) {
    List<Path> real = new ArrayList<>();
    for (Path r : roots) {
      try {
        real.add(r.toRealPath());
      } catch (IOException e) {
        throw new ContextException("build context directory not found: " + r, e);
      }
    }
    return new BuildContext(real);
  }

  /** A one-directory context. */
  public static BuildContext of(Path root) {
    return of(List.of(root));
  }

  /** The roots, earliest first. */
  public List<Path> roots() {
    return roots;
  }

  /**
   * The patterns of the context's {@code .dockerignore} ({@link DockerIgnore#NONE} without one); a
   * malformed one is a {@link ContextException} naming its file and line.
   */
  public synchronized DockerIgnore ignore() {
    if (ignore == null) {
      ignore = ignoreFile(roots);
    }
    return ignore;
  }

  /** True when the {@code .dockerignore} leaves {@code rel} (a directory or not) out. */
  public boolean excluded(String rel, boolean isDirectory) {
    return ignore().excludes(rel, isDirectory);
  }

  private static DockerIgnore ignoreFile(List<Path> roots) {
    for (int i = roots.size() - 1; i >= 0; i--) {
      Path f = roots.get(i).resolve(IGNORE_FILE);
      if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          throw new ContextException(f + ": not a regular file", null);
        }
        try {
          return DockerIgnore.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new ContextException("cannot read " + f + ": " + e.getMessage(), e);
        }
      }
    }
    return DockerIgnore.NONE;
  }

  /** A context that cannot be read or whose {@code .dockerignore} is malformed. */
  public static final class ContextException extends EngineException {
    ContextException(String message, Throwable cause) {
      super(message, ExitCode.INVALID, cause);
    }
  }
}
