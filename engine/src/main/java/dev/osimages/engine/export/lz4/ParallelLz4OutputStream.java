package dev.osimages.engine.export.lz4;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.StreamingXXHash32;

/**
 * Writes one LZ4 frame whose 4 MiB independent blocks are compressed on several threads and written
 * in order. lz4-java's own frame stream compresses on the caller's thread only; this one keeps at
 * most {@code 2 * threads} blocks in flight, so memory stays bounded (about 16 MiB per thread) no
 * matter how large the input is. The content checksum (xxHash32 of all input) is computed on the
 * caller's thread in input order, which a parallel hash could not do.
 */
public final class ParallelLz4OutputStream extends OutputStream {
  private final OutputStream sink;
  private final LZ4Compressor compressor;
  private final ExecutorService pool;
  private final StreamingXXHash32 contentHash;
  private final ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
  private final ArrayDeque<byte[]> freeInputs = new ArrayDeque<>();
  private final ConcurrentLinkedQueue<byte[]> freeOutputs = new ConcurrentLinkedQueue<>();
  private final int maxInFlight;
  private byte[] current;
  private int fill;
  private boolean finished;

  /**
   * Starts a frame on {@code sink} (the header is written at once).
   *
   * @param level LZ4 HC compression level, 1..12 ({@code lz4 -9} is 9)
   * @param threads compression threads, at least 1
   */
  public ParallelLz4OutputStream(OutputStream sink, int level, int threads) throws IOException {
    if (level < 1 || level > 12) {
      throw new IllegalArgumentException("lz4 level must be 1..12, got " + level);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.sink = sink;
    this.compressor = LZ4Factory.fastestInstance().highCompressor(level);
    this.contentHash = Lz4Frame.hashes().newStreamingHash32(0);
    this.maxInFlight = threads * 2;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "lz4-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.current = new byte[Lz4Frame.BLOCK_SIZE];
    sink.write(Lz4Frame.header());
  }

  /** Which lz4-java implementation compresses: "native" (JNI) or a pure-Java fallback. */
  public static String implementation() {
    LZ4Factory f = LZ4Factory.fastestInstance();
    return f == LZ4Factory.nativeInstance() ? "native" : f.toString();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, current.length - fill);
      System.arraycopy(b, off, current, fill, n);
      fill += n;
      off += n;
      len -= n;
      if (fill == current.length) {
        submitCurrent();
      }
    }
  }

  private void submitCurrent() throws IOException {
    byte[] input = current;
    int length = fill;
    contentHash.update(input, 0, length);
    while (inFlight.size() >= maxInFlight) {
      writeOldest();
    }
    inFlight.add(pool.submit(() -> compress(input, length)));
    current = freeInputs.isEmpty() ? new byte[Lz4Frame.BLOCK_SIZE] : freeInputs.poll();
    fill = 0;
  }

  private Block compress(byte[] input, int length) {
    byte[] out = freeOutputs.poll();
    if (out == null) {
      out = new byte[compressor.maxCompressedLength(Lz4Frame.BLOCK_SIZE)];
    }
    int size = compressor.compress(input, 0, length, out, 0, out.length);
    return new Block(input, length, out, size);
  }

  private void writeOldest() throws IOException {
    Block block;
    try {
      block = inFlight.poll().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing lz4 blocks");
    } catch (ExecutionException e) {
      throw new IOException("lz4 block compression failed: " + e.getCause(), e.getCause());
    }
    byte[] word = new byte[4];
    if (block.compressedSize() >= block.length()) {
      // As the lz4 CLI does: a block that does not shrink is stored as it is.
      Lz4Frame.putIntLe(word, 0, block.length() | Lz4Frame.UNCOMPRESSED);
      sink.write(word);
      sink.write(block.input(), 0, block.length());
    } else {
      Lz4Frame.putIntLe(word, 0, block.compressedSize());
      sink.write(word);
      sink.write(block.output(), 0, block.compressedSize());
    }
    freeInputs.add(block.input());
    freeOutputs.add(block.output());
  }

  /** Writes the last block, the end mark and the content checksum; leaves the sink open. */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    if (fill > 0) {
      submitCurrent();
    }
    while (!inFlight.isEmpty()) {
      writeOldest();
    }
    byte[] trailer = new byte[8];
    Lz4Frame.putIntLe(trailer, 4, contentHash.getValue());
    sink.write(trailer);
    finished = true;
  }

  @Override
  public void flush() throws IOException {
    sink.flush();
  }

  /** Finishes the frame, stops the threads and closes the sink. */
  @Override
  public void close() throws IOException {
    try {
      finish();
      sink.close();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Stops the threads without finishing the frame (the output is then useless). */
  public void abort() {
    pool.shutdownNow();
    inFlight.forEach(f -> f.cancel(true));
    inFlight.clear();
  }

  private record Block(byte[] input, int length, byte[] output, int compressedSize) {}
}
