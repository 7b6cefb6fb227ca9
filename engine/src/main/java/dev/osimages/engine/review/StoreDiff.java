package dev.osimages.engine.review;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares the packages.txt of every image in two artifact sets (two store directories of the same
 * layout, e.g. {@code out/images/stable} and a release). An image present on one side only is
 * reported with an empty other side.
 */
public final class StoreDiff {
  private StoreDiff() {}

  /** Per image id ({@code <os>/<version>}), the package changes from {@code old} to {@code neu}. */
  public static Map<String, PackageDiff> compare(Path old, Path neu) {
    Map<String, Path> a = images(old);
    Map<String, Path> b = images(neu);
    TreeSet<String> ids = new TreeSet<>(a.keySet());
    ids.addAll(b.keySet());
    Map<String, PackageDiff> out = new LinkedHashMap<>();
    for (String id : ids) {
      out.put(id, PackageDiff.between(read(a.get(id)), read(b.get(id))));
    }
    return out;
  }

  /** Image ids found under {@code root}: every {@code <os>/<version>/packages.txt}. */
  static Map<String, Path> images(Path root) {
    Map<String, Path> out = new LinkedHashMap<>();
    if (!Files.isDirectory(root)) {
      throw new EngineException(
          root + ": not a directory (a store directory such as out/images/stable)",
          ExitCode.INVALID);
    }
    try (Stream<Path> files = Files.find(root, 2 + 1, (p, a) -> a.isRegularFile())) {
      files
          .filter(p -> p.getFileName().toString().equals("packages.txt"))
          .filter(p -> root.relativize(p).getNameCount() == 3)
          .forEach(p -> out.put(root.relativize(p.getParent()).toString(), p));
    } catch (IOException e) {
      throw new UncheckedIOException(root + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static PackageList read(Path file) {
    return Optional.ofNullable(file)
        .map(
            f -> {
              try {
                return PackageList.parse(Files.readString(f));
              } catch (IOException e) {
                throw new UncheckedIOException(f + ": " + e.getMessage(), e);
              }
            })
        .orElse(new PackageList(Map.of()));
  }
}
