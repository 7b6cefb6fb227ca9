package dev.osimages.engine.builder.docker;

import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the classic builder's step numbers to Dockerfile lines. It prints {@code Step N/M : INSTR}
 * and numbers every instruction in file order from 1, the ARGs before the first FROM included, so
 * step N is the N-th instruction the parser found.
 */
final class StepLines {
  private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) : (.*)$");

  private final List<Integer> lines;

  StepLines(Dockerfile dockerfile) {
    List<Integer> l = new ArrayList<>();
    dockerfile.globalArgs().forEach(a -> l.add(a.line()));
    for (Stage s : dockerfile.stages()) {
      l.add(s.from().line());
      for (Instruction i : s.instructions()) {
        l.add(i.line());
      }
    }
    this.lines = List.copyOf(l);
  }

  /** The line of step {@code n} (1-based), if the Dockerfile has that many instructions. */
  OptionalInt line(int n) {
    return n >= 1 && n <= lines.size() ? OptionalInt.of(lines.get(n - 1)) : OptionalInt.empty();
  }

  /** A parsed {@code Step N/M : INSTR} line. */
  record Step(int number, int total, String instruction) {}

  /** The step a line of build output starts, if it starts one. */
  static java.util.Optional<Step> parse(String outputLine) {
    Matcher m = STEP.matcher(outputLine.strip());
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Step(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3)));
  }
}
