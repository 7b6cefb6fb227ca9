package dev.osimages.engine.export;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Writes to a file and fsyncs it on a background thread every {@link #STEP} bytes, so the data
 * reaches the disk while the export is still compressing. The tarball must be fsynced before it is
 * published; done only at the end, that fsync wrote 344 MB with both cores idle (0.5 s of a 16 s
 * export). {@link #sync()} is the final, blocking fsync, which then has little left to write.
 */
final class SyncingOutputStream extends FilterOutputStream {
  /** Start a background fsync after this many bytes (if the previous one is done). */
  static final long STEP = 32L << 20;

  private final FileOutputStream file;
  private long sinceSync;
  // Written by the lz4 writer thread, read for progress reports by the tar thread.
  private volatile long written;
  private Future<Void> pending = CompletableFuture.completedFuture(null);

  SyncingOutputStream(FileOutputStream file) {
    super(file);
    this.file = file;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    file.write(b, off, len);
    written += len;
    sinceSync += len;
    if (sinceSync >= STEP && pending.isDone()) {
      sinceSync = 0;
      checkPending();
      pending = CompletableFuture.runAsync(this::syncQuietly);
    }
  }

  private void syncQuietly() {
    try {
      file.getFD().sync();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for a background fsync and rethrows its failure (a full or failing disk). */
  private void checkPending() throws IOException {
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while syncing " + e.getMessage());
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof UncheckedIOException u ? u.getCause() : new IOException(c);
    }
  }

  /** Bytes written to the file so far. */
  long written() {
    return written;
  }

  /** Flushes, waits for any background fsync, then fsyncs what is left. */
  void sync() throws IOException {
    file.flush();
    checkPending();
    file.getFD().sync();
  }
}
