package dev.osimages.engine.export.lz4;

import net.jpountz.xxhash.XXHashFactory;

/**
 * Constants and header encoding of the LZ4 frame format (lz4_Frame_format.md, version 01): the
 * magic number, the FLG and BD bytes and the header checksum. Kept in one place so the writer and
 * the checker agree byte for byte.
 */
final class Lz4Frame {
  static final int MAGIC = 0x184D2204;

  /** Block maximum size id 7 = 4 MiB, what {@code lz4 -9} uses by default. */
  static final int BLOCK_SIZE_ID = 7;

  static final int BLOCK_SIZE = 1 << (8 + 2 * BLOCK_SIZE_ID);

  /** Version 01, independent blocks, no block checksums, no content size, content checksum. */
  static final int FLG = 0b01_1_0_0_1_0_0;

  /** The high bit of a block size word: the block is stored uncompressed. */
  static final int UNCOMPRESSED = 0x8000_0000;

  private Lz4Frame() {}

  static XXHashFactory hashes() {
    return XXHashFactory.fastestInstance();
  }

  /** The 7-byte frame header: magic, FLG, BD and the header checksum byte. */
  static byte[] header() {
    byte[] h = new byte[7];
    putIntLe(h, 0, MAGIC);
    h[4] = (byte) FLG;
    h[5] = (byte) (BLOCK_SIZE_ID << 4);
    h[6] = headerChecksum(h, 4, 2);
    return h;
  }

  /** The descriptor checksum: second byte of xxHash32 (seed 0) over the descriptor bytes. */
  static byte headerChecksum(byte[] descriptor, int off, int len) {
    return (byte) ((hashes().hash32().hash(descriptor, off, len, 0) >> 8) & 0xFF);
  }

  static void putIntLe(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  static int getIntLe(byte[] b, int off) {
    return (b[off] & 0xFF)
        | (b[off + 1] & 0xFF) << 8
        | (b[off + 2] & 0xFF) << 16
        | (b[off + 3] & 0xFF) << 24;
  }
}
