package dev.osimages.engine.export;

import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.Progress;
import dev.osimages.engine.event.Progress.Unit;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.export.lz4.ParallelLz4OutputStream;
import dev.osimages.engine.export.tar.PaxTarWriter;
import dev.osimages.engine.export.tar.TarEntry;
import dev.osimages.engine.host.Digests;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * The one pass: tar members go through a counting stage into the parallel LZ4 frame writer, whose
 * output is digested (md5, sha256) on its way to img.tar.lz4, fsynced as it goes. The uncompressed
 * tar exists only in memory, a few blocks at a time. Progress events report bytes read (tar) and
 * written (lz4).
 */
final class TarballWriter implements AutoCloseable {
  /** Emit progress about every 8 MiB of tar. */
  private static final long PROGRESS_STEP = 8L << 20;

  /** What the pass produced. */
  record Result(long tarBytes, long lz4Bytes, String md5, String sha256) {}

  private final FileOutputStream file;
  private final SyncingOutputStream synced;
  private final MessageDigest md5 = Digests.md5();
  private final MessageDigest sha256 = Digests.sha256();
  private final ParallelLz4OutputStream lz4;
  private final Counting counting;
  private final PaxTarWriter tar;
  private final ExportOptions options;
  private boolean done;

  TarballWriter(
      Path target, ExportOptions options, EventListener events, String cell, LongSupplier total)
      throws IOException {
    this.options = options;
    this.file = new FileOutputStream(target.toFile());
    this.synced = new SyncingOutputStream(file);
    OutputStream digested = new DigestOutputStream(new DigestOutputStream(synced, sha256), md5);
    this.lz4 =
        new ParallelLz4OutputStream(
            digested, options.level(), options.threads(), options.hcMinSaving());
    this.counting = new Counting(lz4, events, cell, total, synced);
    this.tar = new PaxTarWriter(counting);
  }

  /** Writes one member, its mtime clamped to SOURCE_DATE_EPOCH when one is set. */
  void write(TarEntry entry, InputStream content) throws IOException {
    TarEntry e = entry;
    if (options.sourceDateEpoch().isPresent()) {
      e = e.clampMtime(options.sourceDateEpoch().getAsLong());
    }
    tar.write(e, content);
  }

  /** Ends the tar and the frame, fsyncs the file and returns sizes and digests. */
  Result finish() throws IOException {
    tar.finish();
    lz4.finish();
    synced.sync();
    file.close();
    done = true;
    counting.report();
    return new Result(
        counting.count,
        synced.written(),
        HexFormat.of().formatHex(md5.digest()),
        HexFormat.of().formatHex(sha256.digest()));
  }

  /** Closes everything; after a failure also stops the compression threads. */
  @Override
  public void close() throws IOException {
    if (!done) {
      lz4.abort();
      file.close();
    }
  }

  /** Counts tar bytes and emits progress; sits between the tar writer and the LZ4 frame. */
  private static final class Counting extends FilterOutputStream {
    private final EventListener events;
    private final String cell;
    private final LongSupplier total;
    private final SyncingOutputStream written;
    private long count;
    private long nextReport = PROGRESS_STEP;

    Counting(
        OutputStream out,
        EventListener events,
        String cell,
        LongSupplier total,
        SyncingOutputStream w) {
      super(out);
      this.events = events;
      this.cell = cell;
      this.total = total;
      this.written = w;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
      if (count >= nextReport) {
        nextReport = count + PROGRESS_STEP;
        report();
      }
    }

    void report() {
      long t = total.getAsLong();
      events.on(
          new Progress(
              cell, Stage.EXPORT, count, t < 0 ? -1 : Math.max(t, count), Unit.BYTES_READ));
      events.on(new Progress(cell, Stage.EXPORT, written.written(), -1, Unit.BYTES_WRITTEN));
    }
  }
}
