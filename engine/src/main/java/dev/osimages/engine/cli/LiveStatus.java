package dev.osimages.engine.cli;

import dev.osimages.engine.builder.BuildStep;
import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.LogLine;
import dev.osimages.engine.event.Progress;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.event.StageFinished;
import dev.osimages.engine.event.StageStarted;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The terminal view of a run: one live line per running cell (stage, elapsed time, bytes, current
 * step) kept at the bottom of the screen, with finished steps, stage ends and warnings scrolling
 * above it. Process output is not shown here (it is in each cell's build log). Used only when
 * standard output is a terminal; otherwise the run prints plain prefixed lines.
 */
final class LiveStatus implements EventListener, AutoCloseable {
  private static final String UP = "\033[A";
  private static final String CLEAR = "\r\033[2K";

  private final PrintWriter out;
  private final EventPrinter above;
  private final Map<String, Line> lines = new LinkedHashMap<>();
  private int drawn;
  private Instant lastDraw = Instant.EPOCH;

  private static final class Line {
    Stage stage;
    String step = "";
    long bytes = -1;
    Instant since = Instant.now();
  }

  // Redraws once a second, so elapsed times move while a stage is quiet (a VM boot sends no
  // events for minutes).
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "live-status");
            t.setDaemon(true);
            return t;
          });

  LiveStatus(PrintWriter out) {
    this.out = out;
    this.above = new EventPrinter(out, true);
    ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  private synchronized void tick() {
    if (drawn > 0) {
      erase();
      draw();
    }
  }

  /** A cell ended (published, up to date or failed in any stage): its line goes. */
  synchronized void finished(String cell) {
    if (lines.remove(cell) != null) {
      erase();
      draw();
    }
  }

  @Override
  public synchronized void on(Event e) {
    if (e instanceof LogLine) {
      return;
    }
    Line l = lines.computeIfAbsent(e.cell(), k -> new Line());
    if (e instanceof Progress p) {
      if (p.unit() == Progress.Unit.BYTES_READ || p.unit() == Progress.Unit.BYTES_SENT) {
        l.bytes = p.done();
      }
      // Progress comes many times a second: redraw at most five times a second for it.
      if (Duration.between(lastDraw, Instant.now()).toMillis() < 200) {
        return;
      }
    }
    erase();
    if (e instanceof StageStarted s && (s.stage() != l.stage || !s.step().equals(l.step))) {
      l.stage = s.stage();
      l.step = s.step();
      l.bytes = -1;
      l.since = Instant.now();
    } else if (e instanceof BuildStep s) {
      l.stage = Stage.BUILD;
      l.step = s.instruction();
    } else if (e instanceof StageFinished f && f.stage() == Stage.VERIFY) {
      lines.remove(e.cell());
    }
    if (!(e instanceof Progress)) {
      above.on(e);
    }
    draw();
  }

  private void erase() {
    for (int i = 0; i < drawn; i++) {
      out.print(UP + CLEAR);
    }
    drawn = 0;
  }

  private void draw() {
    lastDraw = Instant.now();
    for (Map.Entry<String, Line> en : lines.entrySet()) {
      Line l = en.getValue();
      if (l.stage == null) {
        continue;
      }
      long secs = Duration.between(l.since, Instant.now()).toSeconds();
      String bytes = l.bytes < 0 ? "" : String.format(Locale.ROOT, " %.0f MB", l.bytes / 1e6);
      String text =
          String.format(
              Locale.ROOT, "  %-22s %-7s %4ds%s  %s", en.getKey(), l.stage, secs, bytes, l.step);
      out.println(text.length() > 118 ? text.substring(0, 117) + "…" : text);
      drawn++;
    }
    out.flush();
  }

  /** Prints {@code line} above the live lines. */
  synchronized void println(String line) {
    erase();
    out.println(line);
    draw();
  }

  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    erase();
    out.flush();
  }
}
