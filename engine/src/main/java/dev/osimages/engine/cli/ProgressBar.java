package dev.osimages.engine.cli;

import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.Progress;
import java.io.PrintWriter;

/**
 * A one-line progress bar for a terminal: bytes read and written, rate and ETA, redrawn in place
 * with a carriage return at most five times a second. Used only when stdout is a terminal.
 */
final class ProgressBar {
  private static final int WIDTH = 24;
  private final PrintWriter err;
  private final long started = System.nanoTime();
  private long read;
  private long total = -1;
  private long written;
  private long lastDraw;

  ProgressBar(PrintWriter err) {
    this.err = err;
  }

  synchronized void on(Event e) {
    if (!(e instanceof Progress p)) {
      return;
    }
    if (p.unit() == Progress.Unit.BYTES_READ) {
      read = p.done();
      total = p.total();
    } else if (p.unit() == Progress.Unit.BYTES_WRITTEN) {
      written = p.done();
    }
    long now = System.nanoTime();
    if (now - lastDraw > 200_000_000L) {
      lastDraw = now;
      draw(now);
    }
  }

  private void draw(long now) {
    double secs = Math.max((now - started) / 1e9, 0.001);
    double rate = read / secs;
    String bar = "";
    String eta = "";
    if (total > 0) {
      double f = Math.min(1.0, (double) read / total);
      int filled = (int) (f * WIDTH);
      bar = "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + (int) (f * 100) + "% ";
      long left = rate > 0 ? (long) ((total - read) / rate) : 0;
      eta = String.format(" ETA %d:%02d", left / 60, left % 60);
    }
    err.printf(
        "\r%sread %s, written %s, %s/s%s   ", bar, mb(read), mb(written), mb((long) rate), eta);
    err.flush();
  }

  synchronized void clear() {
    err.print("\r" + " ".repeat(100) + "\r");
    err.flush();
  }

  synchronized void done() {
    draw(System.nanoTime());
    err.println();
    err.flush();
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
