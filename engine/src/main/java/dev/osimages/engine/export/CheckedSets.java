package dev.osimages.engine.export;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.host.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Remembers which published image sets were found sound, so a no-op run need not read every tarball
 * again. A stamp records, for each file of a set, its device, inode, size, modification time and
 * status-change time (nanoseconds) when the set was published or last passed a full {@link
 * ImageSetChecker} check. A set whose files still have exactly those identities is the same bytes:
 * any write, truncation, replacement or copy changes the inode, size or ctime, and ctime cannot be
 * set back from user space. Stamps live in the engine's state directory (root's), one file per set
 * directory; they never go into the store.
 *
 * <p>What a stamp does not catch is corruption below the filesystem (a failing disk); {@code engine
 * checksum} and {@code engine release} always read the whole set.
 */
public final class CheckedSets {
  private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime";
  private final Path stampDir;

  /**
   * @param stampDir where stamps are kept (created on first use)
   */
  public CheckedSets(Path stampDir) {
    this.stampDir = stampDir;
  }

  /**
   * Whether the set in {@code setDir} is sound: by its stamp when its files are unchanged, else by
   * a full check, which records a fresh stamp when it passes. A set missing any of its files is not
   * sound.
   */
  public boolean sound(Path setDir) {
    String ids = identities(setDir);
    if (ids.isEmpty()) {
      return false; // one of the set's files is missing
    }
    if (ids.equals(readStamp(setDir))) {
      return true;
    }
    try {
      if (!new ImageSetChecker().check(setDir).ok()) {
        return false;
      }
    } catch (EngineException e) {
      return false; // not a complete set
    }
    record(setDir);
    return true;
  }

  /**
   * Records that the set in {@code setDir} is sound as its files are now (just published, or just
   * checked). A stamp that cannot be written only costs the next run a full check.
   */
  public void record(Path setDir) {
    String ids = identities(setDir);
    if (ids.isEmpty()) {
      return;
    }
    try {
      AtomicFiles.write(stampFile(setDir), ids);
    } catch (IOException e) {
      // Deliberately quiet: the stamp is an optimisation; the next run checks the set in full.
    }
  }

  private String readStamp(Path setDir) {
    try {
      return Files.readString(stampFile(setDir), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "-"; // never equal to identities(): no stamp means a full check
    }
  }

  /**
   * The identity lines of the set's files (the set's absolute path first), or "" when a file is
   * missing or unreadable, so an incomplete set never matches a stamp.
   */
  static String identities(Path setDir) {
    StringBuilder out = new StringBuilder(setDir.toAbsolutePath().normalize() + "\n");
    for (String name : ImageSet.OPTIONAL) {
      if (!Files.exists(setDir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        out.append(name).append(" absent\n"); // a signature added later changes the identity
      }
    }
    List<String> names = new ArrayList<>(ImageSet.FILES);
    ImageSet.OPTIONAL.stream()
        .filter(n -> Files.exists(setDir.resolve(n), LinkOption.NOFOLLOW_LINKS))
        .forEach(names::add);
    for (String name : names) {
      try {
        Map<String, Object> a =
            Files.readAttributes(setDir.resolve(name), ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        out.append(name)
            .append(' ')
            .append(a.get("dev"))
            .append(' ')
            .append(a.get("ino"))
            .append(' ')
            .append(a.get("size"))
            .append(' ')
            .append(nanos(a.get("lastModifiedTime")))
            .append(' ')
            .append(nanos(a.get("ctime")))
            .append('\n');
      } catch (IOException | UnsupportedOperationException e) {
        return ""; // missing, unreadable, or a filesystem without unix attributes: check in full
      }
    }
    return out.toString();
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }

  private Path stampFile(Path setDir) {
    return stampDir.resolve(
        Digests.of(setDir.toAbsolutePath().normalize().toString()).substring(0, 32));
  }
}
