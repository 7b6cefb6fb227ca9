package dev.osimages.engine.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The merged view of a cell's context directories as the build sees it: relative path to the file
 * that provides it, later directories overriding earlier ones. Symlinks are listed, not followed.
 */
public final class ContextFiles {
  private ContextFiles() {}

  /** One entry of the merged view. */
  public record Entry(String relativePath, Path file, String kind, String mode) {}

  /**
   * One digest of the merged view of {@code dirs}: sha256 over each entry's path, kind, mode and
   * content digest (or link target), in path order, as the input hash sees them. Recomputed from a
   * checkout, it shows that the contexts are those a provenance names.
   */
  public static String digest(List<Path> dirs) {
    java.security.MessageDigest md = InputHasher.sha256();
    for (Entry e : merged(dirs)) {
      String line =
          e.relativePath()
              + "\0"
              + e.kind()
              + "\0"
              + e.mode()
              + "\0"
              + InputHasher.contentOf(e)
              + "\n";
      md.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return java.util.HexFormat.of().formatHex(md.digest());
  }

  /** The merged view of {@code dirs}, sorted by relative path. */
  public static List<Entry> merged(List<Path> dirs) {
    Map<String, Entry> view = new TreeMap<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue; // reported by the semantic checks; nothing to hash
      }
      try {
        Files.walkFileTree(
            dir,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
                  throws IOException {
                add(dir, d, "dir");
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                add(dir, f, a.isSymbolicLink() ? "link" : a.isRegularFile() ? "file" : "other");
                return FileVisitResult.CONTINUE;
              }

              private void add(Path root, Path p, String kind) throws IOException {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.isEmpty()) {
                  return;
                }
                // Only the executable bit: it is all git records, so a fresh clone, a CI checkout
                // and a revision extracted for `engine diff` hash the same. Templates set other
                // modes explicitly (COPY --chmod).
                String mode =
                    kind.equals("file")
                        ? (Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)
                                .contains(PosixFilePermission.OWNER_EXECUTE)
                            ? "755"
                            : "644")
                        : "";
                view.put(rel, new Entry(rel, p, kind, mode));
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException("reading context " + dir + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(view.values());
  }
}
