package dev.osimages.engine.export.lz4;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Reads an LZ4 frame file as a stream of its content (lz4-java's frame reader with the native
 * decompressor), checking block and content checksums as it goes: {@code img.tar.lz4} read back as
 * the tar it holds, without a temporary file.
 */
public final class Lz4Input {
  private Lz4Input() {}

  /** The decompressed content of {@code file}. */
  public static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
    try {
      return new LZ4FrameInputStream(
          raw,
          LZ4Factory.fastestInstance().safeDecompressor(),
          XXHashFactory.fastestInstance().hash32());
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }
}
