package dev.osimages.engine.release;

import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Promotes the artifact sets of one channel into a dated release: {@code
 * <root>/<from>/<os>/<version>/} is hard-linked (copied across file systems) into {@code
 * <root>/<YYYYMMDD>/<os>/<version>/}, every copied set's checksums are verified, and {@code
 * downloads.md} lists the images. The release is assembled in a hidden directory and renamed into
 * place, so it appears whole or not at all; an existing release is never overwritten.
 */
public final class Release {
  /**
   * The files that make a complete artifact set (a signature is carried along when there is one).
   */
  public static final List<String> SET = ImageSet.FILES;

  private static final Pattern DATE = Pattern.compile("[0-9]{8}");

  /** One released image: its id, the name users see, and its directory in the release. */
  public record Image(String id, String name, Path dir) {}

  private final Path root;
  private final Function<Path, List<String>> verifier;

  /**
   * @param root the image store root
   * @param verifier checks a published set directory and returns its problems (empty when sound)
   */
  public Release(Path root, Function<Path, List<String>> verifier) {
    this.root = root;
    this.verifier = verifier;
  }

  /**
   * Releases every complete set of channel {@code from} as {@code date}.
   *
   * @throws ReleaseException naming what is wrong; nothing is left behind in that case
   */
  public List<Image> promote(String from, String date, String baseUrl) throws IOException {
    if (!DATE.matcher(date).matches()) {
      throw new ReleaseException("--to '" + date + "': expected a date as YYYYMMDD");
    }
    Path source = root.resolve(from);
    Path target = root.resolve(date);
    if (Files.exists(target)) {
      throw new ReleaseException(target + " exists already; releases are never overwritten");
    }
    List<String> ids = sets(source);
    if (ids.isEmpty()) {
      throw new ReleaseException("no complete artifact set under " + source);
    }
    Path staging = root.resolve("." + date + ".staging");
    Trees.delete(staging);
    try {
      List<Image> images = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (String id : ids) {
        Path dir = staging.resolve(id);
        Files.createDirectories(dir);
        for (String f : ImageSet.present(source.resolve(id))) {
          link(source.resolve(id).resolve(f), dir.resolve(f));
        }
        verifier.apply(dir).forEach(p -> problems.add(id + ": " + p));
        images.add(new Image(id, id.replace('/', '-') + "." + date, target.resolve(id)));
      }
      if (!problems.isEmpty()) {
        throw new ReleaseException("checksums do not match:\n  " + String.join("\n  ", problems));
      }
      AtomicFiles.write(staging.resolve("downloads.md"), Downloads.markdown(images, date, baseUrl));
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.fsync(root);
      return images;
    } finally {
      Trees.delete(staging);
    }
  }

  /** Ids ({@code <os>/<version>}) of the complete sets under {@code channel}, sorted. */
  static List<String> sets(Path channel) throws IOException {
    if (!Files.isDirectory(channel)) {
      return List.of();
    }
    try (Stream<Path> s = Files.find(channel, 2, (p, a) -> a.isDirectory())) {
      return s.filter(p -> channel.relativize(p).getNameCount() == 2)
          .filter(p -> SET.stream().allMatch(f -> Files.isRegularFile(p.resolve(f))))
          .map(p -> channel.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private static void link(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      // Another file system (EXDEV) or no hard links there: a copy is the same content.
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }
}
