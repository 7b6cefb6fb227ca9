package dev.osimages.engine.cli;

import dev.osimages.engine.model.Problem;
import java.io.PrintWriter;
import java.util.List;

/** Prints the warnings a load produced, sorted by position, to the error stream. */
final class Warnings {
  private Warnings() {}

  static void print(PrintWriter err, List<Problem> warnings) {
    warnings.stream().sorted().forEach(w -> err.println(w.format()));
    err.flush();
  }
}
