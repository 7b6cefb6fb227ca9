package dev.osimages.engine.verify.targets;

import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A private temporary directory for one verification: the overlay's upper and work dirs, the disk
 * image, logs. Deleted on close; it never lies inside the image tree.
 */
final class Workdir implements AutoCloseable {
  private final Path dir;

  Workdir(String prefix) throws IOException {
    Path base = Path.of(System.getProperty("java.io.tmpdir"));
    Path varTmp = Path.of("/var/tmp");
    this.dir =
        Files.createTempDirectory(
            Files.isDirectory(varTmp) ? varTmp : base,
            prefix,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  Path path() {
    return dir;
  }

  Path resolve(String name) {
    return dir.resolve(name);
  }

  /** Writes a file under the overlay's upper dir (so it exists only in the booted view). */
  Path writeUpper(String pathInImage, String content, String perms) throws IOException {
    Path p = dir.resolve("upper").resolve(pathInImage.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    return p;
  }

  /** Removes the directory the way every tree is removed ({@link Trees#delete}). */
  @Override
  public void close() {
    Trees.delete(dir);
  }
}
