package dev.osimages.engine.builder.docker;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.Stage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the daemon's classic builder would build differently from BuildKit without a word, refused
 * before the build with one line naming the cell, the place, the instruction and the feature (exit
 * 2), so that the Docker backend never gives a tree the chroot backend (which follows BuildKit)
 * would not: {@code --chmod} (the classic builder has none), {@code --chown=NAME} without a group
 * (it takes the group called NAME, BuildKit NAME's primary group), WORKDIR under a USER other than
 * root (it creates the directory as root), and an ARG with a value for a name ENV set (it keeps the
 * ENV value, BuildKit the ARG's).
 */
final class ClassicLimits {
  private final String cell;
  private final Dockerfile df;
  private final Map<String, String> buildArgs;

  ClassicLimits(String cell, Dockerfile df, Map<String, String> buildArgs) {
    this.cell = cell;
    this.df = df;
    this.buildArgs = buildArgs;
  }

  /** What a stage leaves to a stage built FROM it. */
  private record State(String user, Set<String> envNames) {}

  void check() {
    Set<String> globals = new HashSet<>();
    df.globalArgs().forEach(a -> globals.add(a.name()));
    Map<Integer, State> done = new HashMap<>();
    for (Stage stage : df.stages()) {
      Optional<Stage> parent =
          df.stage(stage.from().image()).filter(p -> p.index() < stage.index());
      State in = parent.map(p -> done.get(p.index())).orElse(new State("", Set.of()));
      String user = in.user();
      Set<String> env = new HashSet<>(in.envNames());
      for (Instruction i : stage.instructions()) {
        if (i instanceof Instruction.User u) {
          user = u.user();
        } else if (i instanceof Instruction.Env e) {
          e.pairs().forEach(kv -> env.add(kv.key()));
        } else if (i instanceof Instruction.Arg a && env.contains(a.name())) {
          boolean valued =
              a.defaultValue().isPresent()
                  || buildArgs.containsKey(a.name())
                  || globals.contains(a.name());
          if (valued) {
            refuse(
                i,
                "ARG " + a.name(),
                "after ENV "
                    + a.name()
                    + " the classic builder keeps"
                    + " the ENV value where BuildKit takes the ARG's; use another name");
          }
        } else if (i instanceof Instruction.Workdir w && !isRoot(user)) {
          refuse(
              i,
              "WORKDIR " + w.path(),
              "under USER "
                  + user
                  + " the classic builder creates"
                  + " the directory owned by root, BuildKit by the user; create it before USER");
        } else if (i instanceof Instruction.Copy c) {
          copy(c);
        }
      }
      done.put(stage.index(), new State(user, env));
    }
  }

  private void copy(Instruction.Copy c) {
    String text =
        c.keyword()
            + c.from().map(f -> " --from=" + f).orElse("")
            + c.chown().map(f -> " --chown=" + f).orElse("")
            + c.chmod().map(f -> " --chmod=" + f).orElse("")
            + " "
            + String.join(" ", c.words());
    if (c.chmod().isPresent()) {
      refuse(c, text, "the classic builder has no --chmod (use RUN chmod)");
    }
    Optional<String> chown = c.chown();
    if (chown.isPresent() && !chown.get().contains(":") && !isId(chown.get())) {
      refuse(
          c,
          text,
          "--chown="
              + chown.get()
              + " without a group: the classic builder takes"
              + " the group called "
              + chown.get()
              + ", BuildKit the user's primary group; write"
              + " --chown="
              + chown.get()
              + ":GROUP");
    }
  }

  private static boolean isRoot(String user) {
    return user.isEmpty() || user.matches("(root|0)(:(root|0))?");
  }

  private static boolean isId(String s) {
    return s.equals("root") || s.matches("[0-9]+");
  }

  private void refuse(Instruction i, String text, String why) {
    throw new EngineException(
        cell + ": " + df.at(i.line()) + ": " + text + ": the Docker backend refuses this: " + why,
        ExitCode.INVALID);
  }
}
