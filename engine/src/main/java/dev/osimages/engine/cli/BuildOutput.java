package dev.osimages.engine.cli;

import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.StepTiming;
import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.EventListener;
import java.io.PrintWriter;

/**
 * Turns build events into terminal lines: step output prefixed with the cell id, one line per
 * finished step (CACHED or DONE, with its time), and a timing summary at the end.
 */
final class BuildOutput implements EventListener {
  private final PrintWriter out;
  private final EventPrinter lines;

  BuildOutput(PrintWriter out, boolean quiet) {
    this.out = out;
    this.lines = new EventPrinter(out, quiet);
  }

  @Override
  public void on(Event e) {
    lines.on(e);
  }

  /** The per-step timing table and the result line. */
  void summary(BuildResult r, String where) {
    synchronized (out) {
      out.println("steps:");
      for (StepTiming t : r.steps()) {
        out.printf(
            "  %6.1fs %s %-12s %s%n",
            seconds(t.took()), t.cached() ? "cached" : "built ", t.stage(), t.instruction());
      }
      for (String pinned : r.pulled()) {
        out.println("base: " + pinned);
      }
      out.printf(
          "built in %.1fs%s -> %s (log: %s)%n",
          seconds(r.took()), r.fullyCached() ? " (all cached)" : "", where, r.log());
      out.flush();
    }
  }

  /** Where a result is, for the summary: a directory, the step cache's layers or the daemon. */
  static String place(BuildResult r) {
    if (r.daemonImage().isPresent()) {
      return "docker image " + r.daemonImage().get().id();
    }
    if (r.layers().size() == 1) {
      return r.layers().get(0).toString();
    }
    return r.layers().size()
        + " layers in the step cache (key "
        + r.cacheKey().substring(0, Math.min(12, r.cacheKey().length()))
        + "; --output DIR writes the root filesystem)";
  }

  private static double seconds(java.time.Duration d) {
    return d.toMillis() / 1000.0;
  }
}
