package dev.osimages.engine.export.lz4;

import java.io.IOException;

/** An LZ4 frame is malformed or damaged; names the byte offset where the problem starts. */
public final class Lz4FormatException extends IOException {
  private final long offset;

  public Lz4FormatException(long offset, String message) {
    super("at byte " + offset + ": " + message);
    this.offset = offset;
  }

  /** Offset in the compressed stream of the frame, block or checksum at fault. */
  public long offset() {
    return offset;
  }
}
