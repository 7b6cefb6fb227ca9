package dev.osimages.engine.export.lz4;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * Decompresses LZ4 frames (what the exporter writes, and what {@code lz4} writes) as a stream, so
 * an image tarball can be read member by member without unpacking it to disk.
 */
public final class Lz4FrameReader {
  private Lz4FrameReader() {}

  /** The decompressed content of {@code in}, one frame after another. */
  public static InputStream decompressing(InputStream in) throws IOException {
    return new LZ4FrameInputStream(new BufferedInputStream(in, 1 << 16));
  }

  /**
   * The tar stream of {@code file}: decompressed when its name ends in {@code .lz4}, as is
   * otherwise.
   */
  public static InputStream openTar(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      return file.getFileName().toString().endsWith(".lz4")
          ? decompressing(raw)
          : new BufferedInputStream(raw, 1 << 16);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }
}
