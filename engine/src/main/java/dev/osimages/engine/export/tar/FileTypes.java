package dev.osimages.engine.export.tar;

/** Decodes st_mode file types and Linux dev_t numbers, as stat(2) reports them. */
final class FileTypes {
  private static final int S_IFMT = 0170000;

  private FileTypes() {}

  /** The member type for a st_mode, or null for sockets (tar cannot store them). */
  static TarEntry.Type of(int mode) {
    return switch (mode & S_IFMT) {
      case 0100000 -> TarEntry.Type.FILE;
      case 0040000 -> TarEntry.Type.DIRECTORY;
      case 0120000 -> TarEntry.Type.SYMLINK;
      case 0020000 -> TarEntry.Type.CHAR_DEVICE;
      case 0060000 -> TarEntry.Type.BLOCK_DEVICE;
      case 0010000 -> TarEntry.Type.FIFO;
      default -> null;
    };
  }

  /** glibc's gnu_dev_major: bits 8..19 and 32..43 of dev_t. */
  static int major(long rdev) {
    return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
  }

  /** glibc's gnu_dev_minor: bits 0..7 and 20..31 of dev_t. */
  static int minor(long rdev) {
    return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
  }
}
