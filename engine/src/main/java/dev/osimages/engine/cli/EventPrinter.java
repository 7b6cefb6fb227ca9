package dev.osimages.engine.cli;

import dev.osimages.engine.builder.BuildStep;
import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.LogLine;
import dev.osimages.engine.event.StageFinished;
import dev.osimages.engine.event.StageStarted;
import dev.osimages.engine.event.Warning;
import java.io.PrintWriter;

/**
 * Prints stage events as plain lines prefixed with the cell id: process output (unless quiet),
 * finished build steps with their time, stage starts and ends, warnings. Safe to call from parallel
 * cells; lines never interleave.
 */
final class EventPrinter implements EventListener {
  private final PrintWriter out;
  private final boolean quiet;

  EventPrinter(PrintWriter out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  @Override
  public void on(Event e) {
    String line = format(e);
    if (line == null) {
      return;
    }
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  private String format(Event e) {
    String p = "[" + (e.cell().isEmpty() ? "engine" : e.cell()) + "] ";
    if (e instanceof LogLine l) {
      return quiet ? null : p + l.line();
    }
    if (e instanceof BuildStep s) {
      return String.format(
          "%s%s %-60s %6.1fs",
          p, s.cached() ? "CACHED" : "DONE  ", s.instruction(), s.took().toMillis() / 1000.0);
    }
    if (e instanceof StageStarted s) {
      return p + "start " + s.stage() + (s.step().isEmpty() ? "" : " " + s.step());
    }
    if (e instanceof StageFinished s) {
      return String.format(
          "%s%s %s%s in %.1fs",
          p,
          s.ok() ? "done" : "FAILED",
          s.stage(),
          s.step().isEmpty() ? "" : " " + s.step(),
          s.took().toMillis() / 1000.0);
    }
    if (e instanceof Warning w) {
      return p + "warning: " + w.message();
    }
    return null;
  }
}
