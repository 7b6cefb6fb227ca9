package dev.osimages.engine.cli;

import dev.osimages.engine.build.BuildResult;
import dev.osimages.engine.build.BuildStep;
import dev.osimages.engine.build.StepTiming;
import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.LogLine;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Turns build events into terminal lines: step output prefixed with the cell id, one line per
 * finished step (CACHED or DONE, with its time), and a timing summary at the end.
 */
final class BuildOutput implements EventListener {
  private final PrintWriter out;
  private final boolean quiet;

  BuildOutput(PrintWriter out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  @Override
  public void on(Event e) {
    synchronized (out) {
      if (e instanceof LogLine l && !quiet) {
        out.println("[" + l.cell() + "] " + l.line());
      } else if (e instanceof BuildStep s) {
        out.printf(
            "[%s] %s %-60s %6.1fs%n",
            s.cell(), s.cached() ? "CACHED" : "DONE  ", s.instruction(), seconds(s.took()));
      }
      out.flush();
    }
  }

  /** The per-step timing table and the result line. */
  void summary(BuildResult r, Path where) {
    synchronized (out) {
      out.println("steps:");
      for (StepTiming t : r.steps()) {
        out.printf(
            "  %6.1fs %s %-12s %s%n",
            seconds(t.took()), t.cached() ? "cached" : "built ", t.stage(), t.instruction());
      }
      out.printf(
          "built in %.1fs%s -> %s (log: %s)%n",
          seconds(r.took()), r.fullyCached() ? " (all cached)" : "", where, r.log());
      out.flush();
    }
  }

  private static double seconds(java.time.Duration d) {
    return d.toMillis() / 1000.0;
  }
}
