package dev.osimages.engine.builder.chroot;

import java.nio.charset.StandardCharsets;

/**
 * The check Go's tar reader makes of a first block, which is how BuildKit decides that an ADD
 * source is an archive: a full, not all-zero block whose checksum field matches the sum of its
 * bytes (counted unsigned or signed, the checksum field taken as spaces).
 */
final class TarHeader {
  private static final int SIZE = 512;
  private static final int CHECKSUM = 148;

  private TarHeader() {}

  static boolean valid(byte[] block) {
    if (block.length < SIZE) {
      return false;
    }
    boolean zero = true;
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < SIZE; i++) {
      byte b = i >= CHECKSUM && i < CHECKSUM + 8 ? (byte) ' ' : block[i];
      zero &= block[i] == 0;
      unsigned += b & 0xff;
      signed += b;
    }
    if (zero) {
      return false;
    }
    String field =
        new String(block, CHECKSUM, 8, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
    if (!field.matches("[0-7]+")) {
      return false;
    }
    long sum = Long.parseLong(field, 8);
    return sum == unsigned || sum == signed;
  }
}
