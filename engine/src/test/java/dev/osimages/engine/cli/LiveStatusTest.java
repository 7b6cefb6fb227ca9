package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.event.Progress;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.event.StageFinished;
import dev.osimages.engine.event.StageStarted;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The terminal view of a run, read back as the escape sequences a terminal would get. */
class LiveStatusTest {
  private static final String ERASE_LINE = "\033[A\r\033[2K";

  @Test
  void oneLivePerRunningCell_withStageStepAndBytes() {
    StringWriter sw = new StringWriter();
    try (LiveStatus live = new LiveStatus(new PrintWriter(sw))) {
      live.on(new StageStarted("debian/13", Stage.EXPORT, "tarball"));
      live.on(new StageStarted("debian/12", Stage.VERIFY, "vm"));
      live.on(
          new Progress(
              "debian/13", Stage.EXPORT, 250_000_000, 700_000_000, Progress.Unit.BYTES_READ));
      sw.getBuffer().setLength(0);
      live.on(new StageStarted("debian/12", Stage.VERIFY, "vm"));
      String frame = sw.toString();
      // Redrawing erases the two live lines first, then draws both again, one per cell.
      assertThat(frame).startsWith(ERASE_LINE + ERASE_LINE);
      assertThat(frame).containsPattern("debian/13\\s+export\\s+\\d+s 250 MB  tarball");
      assertThat(frame).containsPattern("debian/12\\s+verify\\s+\\d+s  vm");
    }
  }

  @Test
  void finishedCell_losesItsLine_andFinishedStagesScrollAbove() {
    StringWriter sw = new StringWriter();
    try (LiveStatus live = new LiveStatus(new PrintWriter(sw))) {
      live.on(new StageStarted("a/1", Stage.BUILD, "RUN true"));
      live.on(new StageStarted("b/1", Stage.BUILD, "RUN false"));
      live.on(new StageFinished("b/1", Stage.BUILD, "RUN false", false, Duration.ofSeconds(3)));
      sw.getBuffer().setLength(0);
      live.finished("b/1");
      String frame = sw.toString();
      assertThat(frame).contains("a/1").doesNotContain("b/1");
    }
  }

  @Test
  void elapsedTimeMoves_withoutEvents() throws Exception {
    StringWriter sw = new StringWriter();
    try (LiveStatus live = new LiveStatus(new PrintWriter(sw))) {
      live.on(new StageStarted("debian/12", Stage.VERIFY, "vm"));
      boolean moved = false;
      for (int i = 0; i < 50 && !moved; i++) {
        Thread.sleep(100);
        synchronized (live) {
          moved = sw.toString().matches("(?s).*debian/12\\s+verify\\s+[1-9]\\d*s.*");
        }
      }
      assertThat(moved).as("a redraw with a non-zero elapsed time, from the ticker alone").isTrue();
    }
  }

  @Test
  void close_erasesTheLiveLines() {
    StringWriter sw = new StringWriter();
    LiveStatus live = new LiveStatus(new PrintWriter(sw));
    live.on(new StageStarted("a/1", Stage.BUILD, "RUN true"));
    sw.getBuffer().setLength(0);
    live.close();
    assertThat(sw.toString()).isEqualTo(ERASE_LINE);
  }
}
