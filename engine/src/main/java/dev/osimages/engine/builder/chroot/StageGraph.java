package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.RunMount;
import dev.osimages.engine.dockerfile.ShellWords;
import dev.osimages.engine.dockerfile.Stage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Which stages a target needs (through FROM, {@code COPY --from} and {@code RUN --mount=from=}), in
 * Dockerfile order. Like BuildKit, stages nothing needs are not built, and a stage that a named
 * context replaces needs nothing of its own.
 */
final class StageGraph {
  private final Dockerfile df;
  private final Map<String, String> globals;
  private final Predicate<Stage> replaced;

  StageGraph(Dockerfile df, Map<String, String> globals, Predicate<Stage> replaced) {
    this.df = df;
    this.globals = globals;
    this.replaced = replaced;
  }

  List<Stage> needed(Stage target) {
    TreeMap<Integer, Stage> out = new TreeMap<>();
    Deque<Stage> todo = new ArrayDeque<>(List.of(target));
    while (!todo.isEmpty()) {
      Stage s = todo.pop();
      if (out.put(s.index(), s) != null || replaced.test(s)) {
        continue;
      }
      ref(s, s.from().line(), s.from().image()).ifPresent(todo::push);
      for (Instruction i : s.instructions()) {
        if (i instanceof Instruction.Copy c && c.from().isPresent()) {
          ref(s, c.line(), c.from().get()).ifPresent(todo::push);
        } else if (i instanceof Instruction.Run r) {
          for (String m : r.mounts()) {
            String from = RunMount.parse(m, v -> v.indexOf('$') >= 0 ? null : v).from();
            if (!from.isEmpty()) {
              ref(s, r.line(), from).ifPresent(todo::push);
            }
          }
        }
      }
    }
    return List.copyOf(out.values());
  }

  private Optional<Stage> ref(Stage from, int line, String raw) {
    String name = new ShellWords(df.escape(), df.name(), line).expand(raw, globals);
    return df.stage(name).filter(s -> s.index() < from.index());
  }
}
