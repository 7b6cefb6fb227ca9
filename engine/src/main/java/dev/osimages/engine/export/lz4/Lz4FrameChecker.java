package dev.osimages.engine.export.lz4;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.StreamingXXHash32;
import net.jpountz.xxhash.XXHash32;

/**
 * Checks that a stream is one or more complete LZ4 frames: header checksums, every block
 * decompresses, block checksums and the content checksum match. It is what {@code lz4 -t} does,
 * without the CLI. Frames with linked blocks are refused (the exporter never writes them and
 * lz4-java cannot decompress them block by block).
 */
public final class Lz4FrameChecker {
  private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
  private static final int SKIPPABLE_MAGIC = 0x184D2A50;

  private final LZ4SafeDecompressor decompressor = LZ4Factory.fastestInstance().safeDecompressor();
  private final XXHash32 hash32 = Lz4Frame.hashes().hash32();

  /** What a successful check saw. */
  public record Result(int frames, long blocks, long contentBytes) {}

  /**
   * Reads {@code in} to its end.
   *
   * @throws Lz4FormatException naming the byte offset of the first problem
   */
  public Result check(InputStream in) throws IOException {
    CountingInput counted = new CountingInput(in);
    DataInputStream data = new DataInputStream(counted);
    int frames = 0;
    long blocks = 0;
    long content = 0;
    byte[] word = new byte[4];
    while (true) {
      long at = counted.count();
      int n = data.readNBytes(word, 0, 4);
      if (n == 0 && frames > 0) {
        return new Result(frames, blocks, content);
      }
      if (n < 4) {
        throw new Lz4FormatException(at, "no lz4 frame (file too short)");
      }
      int magic = Lz4Frame.getIntLe(word, 0);
      if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
        data.readFully(word);
        discard(data, Integer.toUnsignedLong(Lz4Frame.getIntLe(word, 0)));
        continue;
      }
      if (magic != Lz4Frame.MAGIC) {
        throw new Lz4FormatException(at, String.format("bad magic number 0x%08x", magic));
      }
      FrameStats stats = checkFrame(data, counted);
      frames++;
      blocks += stats.blocks();
      content += stats.content();
    }
  }

  private record FrameStats(long blocks, long content) {}

  private FrameStats checkFrame(DataInputStream data, CountingInput counted) throws IOException {
    long at = counted.count();
    FrameDescriptor fd = FrameDescriptor.read(data, at, this::headerByte);
    byte[] src = new byte[fd.blockMax()];
    byte[] dst = new byte[fd.blockMax()];
    byte[] word = new byte[4];
    StreamingXXHash32 content = Lz4Frame.hashes().newStreamingHash32(0);
    long blocks = 0;
    long total = 0;
    try {
      while (true) {
        at = counted.count();
        data.readFully(word);
        int sizeWord = Lz4Frame.getIntLe(word, 0);
        if (sizeWord == 0) {
          break;
        }
        int size = sizeWord & ~Lz4Frame.UNCOMPRESSED;
        if (size > fd.blockMax()) {
          throw new Lz4FormatException(at, "block of " + size + " bytes exceeds the maximum");
        }
        data.readFully(src, 0, size);
        if (fd.blockChecksums()) {
          data.readFully(word);
          if (hash32.hash(src, 0, size, 0) != Lz4Frame.getIntLe(word, 0)) {
            throw new Lz4FormatException(at, "block checksum mismatch");
          }
        }
        int plain =
            (sizeWord & Lz4Frame.UNCOMPRESSED) != 0
                ? copy(src, dst, size)
                : inflate(src, size, dst, at);
        content.update(dst, 0, plain);
        blocks++;
        total += plain;
      }
      at = counted.count();
      if (fd.contentSize() >= 0 && fd.contentSize() != total) {
        throw new Lz4FormatException(
            at, "content size " + total + " != declared " + fd.contentSize());
      }
      if (fd.contentChecksum()) {
        data.readFully(word);
        if (content.getValue() != Lz4Frame.getIntLe(word, 0)) {
          throw new Lz4FormatException(at, "content checksum mismatch");
        }
      }
    } catch (EOFException e) {
      throw new Lz4FormatException(counted.count(), "truncated lz4 frame");
    }
    return new FrameStats(blocks, total);
  }

  private byte headerByte(byte[] descriptor, int len) {
    return (byte) ((hash32.hash(descriptor, 0, len, 0) >> 8) & 0xFF);
  }

  private static int copy(byte[] src, byte[] dst, int size) {
    System.arraycopy(src, 0, dst, 0, size);
    return size;
  }

  private int inflate(byte[] src, int size, byte[] dst, long at) throws Lz4FormatException {
    try {
      return decompressor.decompress(src, 0, size, dst, 0, dst.length);
    } catch (LZ4Exception e) {
      throw new Lz4FormatException(at, "corrupt block: " + e.getMessage());
    }
  }

  /**
   * Reads {@code n} bytes and throws them away. Not {@code skip}: a stream below that digests or
   * counts what passes (the set checker's {@code DigestInputStream}) sees only bytes read.
   */
  private static void discard(InputStream in, long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
    for (long left = n; left > 0; ) {
      int r = in.read(buf, 0, (int) Math.min(left, buf.length));
      if (r < 0) {
        throw new EOFException("skippable frame ends early");
      }
      left -= r;
    }
  }
}
