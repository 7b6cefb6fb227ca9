package dev.osimages.engine.export.lz4;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.StreamingXXHash32;

/**
 * Writes one LZ4 frame whose 4 MiB independent blocks are compressed on several threads and written
 * in order. lz4-java's own frame stream compresses on the caller's thread only; this one keeps at
 * most {@code 2 * threads} blocks in flight, so memory stays bounded (about 16 MiB per thread) no
 * matter how large the input is. The content checksum (xxHash32 of all input) is computed on the
 * caller's thread in input order, which a parallel hash could not do. Finished blocks go to the
 * sink on a writer thread of their own, in order: the sink digests what it is given (md5, sha256),
 * and on stretches of incompressible data that work, done by the caller, left the compressors idle.
 *
 * <p>Incompressible blocks skip HC. An image holds much data that is already compressed (xz kernel
 * modules, firmware, an initramfs): HC costs as much on such a block as on text, about 40 ms per
 * MiB, and gains next to nothing over LZ4's fast mode, which costs under 1 ms. A block keeps the
 * fast result only when all three hold: four 64 KiB slices of it, compressed fast, come near the
 * cutoff (so compressible blocks pay for a fast pass over a sixteenth of their bytes, nothing
 * more); HC shrinks the same slices by less than 1 % more than the fast mode does (data with many
 * short repeats, which HC's deeper search finds, goes through HC); and the fast mode cannot shrink
 * the whole block by {@code hcMinSaving} percent. On a bootstrapped Debian 13 with a kernel (636 MB
 * of tar), 33 of 153 blocks kept the fast result: about 5 s of HC time saved for 0.26 MB (0.08 %)
 * of output.
 */
public final class ParallelLz4OutputStream extends OutputStream {
  private final OutputStream sink;
  private final LZ4Compressor compressor;
  private final LZ4Compressor fast;

  /** A block whose fast result is at least this fraction of its size skips HC; 1+: never. */
  private final double fastCutoff;

  private final AtomicInteger blocks = new AtomicInteger();
  private final AtomicInteger fastBlocks = new AtomicInteger();
  private final ExecutorService pool;
  private final ExecutorService writer;
  private final StreamingXXHash32 contentHash;

  /** One permit per block that may be in flight: taken on submit, given back once written. */
  private final Semaphore slots;

  private final ConcurrentLinkedQueue<byte[]> freeInputs = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<byte[]> freeOutputs = new ConcurrentLinkedQueue<>();

  /** The first failure of a compression or a sink write; later blocks are then dropped. */
  private volatile Throwable failure;

  private Future<?> lastWrite = CompletableFuture.completedFuture(null);
  private byte[] current;
  private int fill;
  private boolean finished;

  /** The default of {@code hcMinSaving}: HC only for blocks the fast mode shrinks by 10 %. */
  public static final int DEFAULT_HC_MIN_SAVING = 10;

  private static final int SLICES = 4;
  private static final int SLICE = 64 << 10;

  /** How far the slices' fast ratio may be below the cutoff for the whole block to be tried. */
  private static final double SLICE_MARGIN = 0.10;

  /** HC shrinking the slices by this fraction more than the fast mode sends the block to HC. */
  private static final double MAX_HC_GAIN = 0.01;

  /**
   * Starts a frame on {@code sink} (the header is written at once).
   *
   * @param level LZ4 HC compression level, 1..12 ({@code lz4 -9} is 9)
   * @param threads compression threads, at least 1
   * @param hcMinSaving percent 0..100: blocks that LZ4's fast mode cannot shrink by this much keep
   *     the fast result instead of going through HC; 0 sends every block through HC, as {@code lz4
   *     -9} does
   */
  public ParallelLz4OutputStream(OutputStream sink, int level, int threads, int hcMinSaving)
      throws IOException {
    if (level < 1 || level > 12) {
      throw new IllegalArgumentException("lz4 level must be 1..12, got " + level);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (hcMinSaving < 0 || hcMinSaving > 100) {
      throw new IllegalArgumentException("hc min saving must be 0..100 %, got " + hcMinSaving);
    }
    this.sink = sink;
    LZ4Factory factory = LZ4Factory.fastestInstance();
    this.compressor = factory.highCompressor(level);
    this.fast = factory.fastCompressor();
    this.fastCutoff = hcMinSaving == 0 ? 2 : 1 - hcMinSaving / 100.0;
    this.contentHash = Lz4Frame.hashes().newStreamingHash32(0);
    this.slots = new Semaphore(threads * 2);
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, daemon(() -> "lz4-" + n.incrementAndGet()));
    this.writer = Executors.newSingleThreadExecutor(daemon(() -> "lz4-writer"));
    this.current = new byte[Lz4Frame.BLOCK_SIZE];
    sink.write(Lz4Frame.header());
  }

  private static ThreadFactory daemon(Supplier<String> name) {
    return r -> {
      Thread t = new Thread(r, name.get());
      t.setDaemon(true);
      return t;
    };
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
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing lz4 blocks");
    }
    rethrowFailure();
    Future<Block> compressed = pool.submit(() -> compress(input, length));
    // A single-thread executor runs its tasks in submission order: blocks are written in order.
    lastWrite = writer.submit(() -> writeBlock(compressed));
    byte[] free = freeInputs.poll();
    current = free == null ? new byte[Lz4Frame.BLOCK_SIZE] : free;
    fill = 0;
  }

  private Block compress(byte[] input, int length) {
    byte[] out = freeOutputs.poll();
    if (out == null) {
      out = new byte[compressor.maxCompressedLength(Lz4Frame.BLOCK_SIZE)];
    }
    blocks.incrementAndGet();
    if (fastCutoff <= 1 && slicesLookIncompressible(input, length, out)) {
      int size = fast.compress(input, 0, length, out, 0, out.length);
      if (size >= fastCutoff * length) {
        fastBlocks.incrementAndGet();
        return new Block(input, length, out, size);
      }
    }
    int size = compressor.compress(input, 0, length, out, 0, out.length);
    return new Block(input, length, out, size);
  }

  /**
   * Whether four slices of the block, compressed fast, come near the cutoff and HC does no better
   * on them. Blocks under 1 MiB (only a frame's last) always go through HC.
   */
  private boolean slicesLookIncompressible(byte[] input, int length, byte[] scratch) {
    if (length < 4 * SLICES * SLICE) {
      return false;
    }
    long fastSize = 0;
    for (int i = 0; i < SLICES; i++) {
      fastSize += fast.compress(input, sliceAt(length, i), SLICE, scratch, 0, scratch.length);
    }
    long sampled = (long) SLICES * SLICE;
    if (fastSize < (fastCutoff - SLICE_MARGIN) * sampled) {
      return false;
    }
    long hcSize = 0;
    for (int i = 0; i < SLICES; i++) {
      hcSize += compressor.compress(input, sliceAt(length, i), SLICE, scratch, 0, scratch.length);
    }
    return fastSize - hcSize < MAX_HC_GAIN * sampled;
  }

  private static int sliceAt(int length, int i) {
    return (int) ((long) length * i / SLICES);
  }

  /** Blocks compressed so far (complete once the frame is finished). */
  public int blocks() {
    return blocks.get();
  }

  /** Of {@link #blocks()}, those that kept LZ4's fast result because HC would gain too little. */
  public int fastBlocks() {
    return fastBlocks.get();
  }

  /** On the writer thread: waits for one block and writes it, unless something failed before. */
  private void writeBlock(Future<Block> compressed) {
    try {
      if (failure != null) {
        return;
      }
      Block block = compressed.get();
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new InterruptedIOException("interrupted while writing lz4 blocks");
    } catch (ExecutionException e) {
      failure = new IOException("lz4 block compression failed: " + e.getCause(), e.getCause());
    } catch (IOException | RuntimeException e) {
      failure = e;
    } finally {
      slots.release();
    }
  }

  /** Rethrows, on the caller's thread, the first failure of a compression or a sink write. */
  private void rethrowFailure() throws IOException {
    Throwable f = failure;
    if (f instanceof IOException io) {
      throw io;
    }
    if (f instanceof RuntimeException r) {
      throw r;
    }
    if (f != null) {
      throw new IOException(f);
    }
  }

  /** Writes the last block, the end mark and the content checksum; leaves the sink open. */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    if (fill > 0) {
      submitCurrent();
    }
    try {
      lastWrite.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing lz4 blocks");
    } catch (ExecutionException e) {
      throw new IOException("lz4 writer failed: " + e.getCause(), e.getCause());
    }
    rethrowFailure();
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
      writer.shutdownNow();
    }
  }

  /** Stops the threads without finishing the frame (the output is then useless). */
  public void abort() {
    pool.shutdownNow();
    writer.shutdownNow();
    try {
      // The writer may be in the middle of a sink write; the caller closes the sink next.
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Block(byte[] input, int length, byte[] output, int compressedSize) {}
}
