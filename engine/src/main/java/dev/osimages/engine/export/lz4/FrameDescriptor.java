package dev.osimages.engine.export.lz4;

import java.io.DataInputStream;
import java.io.IOException;

/** The parsed frame descriptor (FLG, BD, optional content size and dictionary id). */
record FrameDescriptor(
    boolean blockChecksums, boolean contentChecksum, long contentSize, int blockMax) {

  /** Computes the header checksum byte of the first {@code len} descriptor bytes. */
  interface HeaderHash {
    byte of(byte[] descriptor, int len);
  }

  static FrameDescriptor read(DataInputStream in, long at, HeaderHash hash) throws IOException {
    byte[] d = new byte[14];
    in.readFully(d, 0, 2);
    int flg = d[0] & 0xFF;
    int bd = d[1] & 0xFF;
    if ((flg >> 6) != 1) {
      throw new Lz4FormatException(at, "unsupported frame version " + (flg >> 6));
    }
    if ((flg & 0x20) == 0) {
      throw new Lz4FormatException(at, "linked blocks are not supported by this checker");
    }
    int len = 2;
    long contentSize = -1;
    if ((flg & 0x08) != 0) {
      in.readFully(d, len, 8);
      contentSize = 0;
      for (int i = 7; i >= 0; i--) {
        contentSize = (contentSize << 8) | (d[len + i] & 0xFF);
      }
      len += 8;
    }
    if ((flg & 0x01) != 0) {
      in.readFully(d, len, 4);
      len += 4;
    }
    int hc = in.readUnsignedByte();
    if ((byte) hc != hash.of(d, len)) {
      throw new Lz4FormatException(at, "frame header checksum mismatch");
    }
    int sizeId = (bd >> 4) & 0x7;
    if (sizeId < 4) {
      throw new Lz4FormatException(at, "invalid block maximum size id " + sizeId);
    }
    return new FrameDescriptor(
        (flg & 0x10) != 0, (flg & 0x04) != 0, contentSize, 1 << (8 + 2 * sizeId));
  }
}
