package dev.osimages.engine.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ADD} instructions that fetch a URL without {@code --checksum}: what a plan flags as
 * not pinned. Words are expanded with the ARG defaults and ENV values the Dockerfile itself sets up
 * to that line (build args given on a command line are not known here).
 */
public final class RemoteSources {
  private RemoteSources() {}

  /** One unpinned download: the Dockerfile line and the URL. */
  public record Unpinned(int line, String url) {}

  /** Every unpinned ADD of {@code df}, in file order. */
  public static List<Unpinned> unpinned(Dockerfile df) {
    List<Unpinned> out = new ArrayList<>();
    Map<String, String> globals = new HashMap<>();
    for (Instruction.Arg a : df.globalArgs()) {
      a.defaultValue().ifPresent(v -> globals.put(a.name(), v));
    }
    for (Stage st : df.stages()) {
      Map<String, String> vars = new HashMap<>(globals);
      for (Instruction i : st.instructions()) {
        ShellWords w = new ShellWords(df.escape(), df.name(), i.line());
        if (i instanceof Instruction.Arg a) {
          a.defaultValue().ifPresent(v -> vars.put(a.name(), w.expand(v, vars)));
        } else if (i instanceof Instruction.Env e) {
          e.pairs().forEach(kv -> vars.put(kv.key(), w.expand(kv.value(), vars)));
        } else if (i instanceof Instruction.Copy c && c.add() && c.checksum().isEmpty()) {
          for (String raw : c.words().subList(0, c.words().size() - 1)) {
            String src = w.expand(raw, vars);
            if (src.matches("(?i)^https?://.*")) {
              out.add(new Unpinned(c.line(), src));
            }
          }
        }
      }
    }
    return out;
  }
}
