package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.ShellWords;
import dev.osimages.engine.host.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prepares one COPY or ADD: expands its words, matches its sources (in the context or another
 * stage; a wildcard that matches nothing is allowed, a missing plain path is an error), resolves
 * {@code --chown} against the image and parses {@code --chmod}, computes the destination and the
 * cache key, and hands the copying to {@link CopyStep} inside a cached filesystem step.
 */
final class CopyInstruction {
  private final BuildSession s;
  private final StageState st;
  private final Instruction.Copy c;
  private final ShellWords words;

  CopyInstruction(BuildSession s, StageState st, Instruction.Copy c, ShellWords words) {
    this.s = s;
    this.st = st;
    this.c = c;
    this.words = words;
  }

  void apply(StageBuilder stage) {
    Map<String, String> vars = st.vars();
    List<String> w = new ArrayList<>();
    for (String raw : c.words()) {
      w.add(words.expand(raw, vars));
    }
    List<String> patterns = w.subList(0, w.size() - 1);
    String text = shown();
    Optional<String> from = c.from().map(f -> words.expand(f, vars));
    CopySource source;
    String sourceKey;
    if (from.isPresent()) {
      if (s.dockerfile.stage(from.get()).isEmpty()) {
        throw stage.invalid(
            c.line(),
            text + ": no stage " + from.get() + " (copying from an image is not supported)");
      }
      StageResult r = s.stageResult.apply(from.get());
      source = CopySource.stage(r.rootfs(), from.get());
      sourceKey = "stage:" + r.key();
    } else {
      source = CopySource.context(s.context);
      sourceKey = null;
    }
    List<CopyStep.Source> sources = new ArrayList<>();
    List<String> matched = new ArrayList<>();
    for (String p : patterns) {
      if (p.matches("^[a-z]+://.*") || p.startsWith("git@")) {
        throw stage.invalid(c.line(), text + ": a URL source is not supported: " + p);
      }
      for (String m : source.match(p)) {
        if (!CopySource.hasWildcard(p)
            && source.view().find(source.view().resolve(m, true)).isEmpty()) {
          throw stage.invalid(c.line(), text + ": " + notFound(source, p, m));
        }
        sources.add(new CopyStep.Source(source, m));
        matched.add(m);
      }
    }
    String dest = destination(w.get(w.size() - 1), st.workdir);
    Optional<Users.Identity> chown = chown(stage, vars);
    Optional<Integer> chmod = chmod(stage, vars);
    String hash = sourceKey != null ? sourceKey : ContentHash.of(source, matched);
    String key =
        Digests.of(
            st.key,
            c.keyword(),
            String.join("\0", w),
            st.workdir,
            hash,
            chown.map(i -> i.uid() + ":" + i.gid()).orElse(""),
            chmod.map(Integer::toOctalString).orElse(""));
    CopyStep.Spec spec = new CopyStep.Spec(sources, dest, c.add(), chown, chmod);
    stage.fsStep(
        st,
        c.line(),
        text,
        key,
        (work, lines) ->
            new CopyStep(
                    new ImageWriter(work.resolve("diff"), st.layers), work.resolve("tmp"), lines)
                .copy(spec));
  }

  /** The instruction as written (flags included, variables not expanded), for messages. */
  private String shown() {
    return StageBuilder.abbreviate(
        c.keyword()
            + c.from().map(f -> " --from=" + f).orElse("")
            + c.chown().map(f -> " --chown=" + f).orElse("")
            + c.chmod().map(f -> " --chmod=" + f).orElse("")
            + " "
            + String.join(" ", c.words()));
  }

  /** Why {@code path} cannot be copied: absent, or a symlink whose target is not in the source. */
  private static String notFound(CopySource source, String written, String path) {
    String link = source.view().resolve(path, false);
    Optional<Path> entry = source.view().find(link);
    if (entry.isPresent() && Files.isSymbolicLink(entry.get())) {
      try {
        return written
            + " is a symlink to "
            + Files.readSymbolicLink(entry.get())
            + ", which is not in "
            + source.describe()
            + " (links resolve inside it)";
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read link " + entry.get(), e);
      }
    }
    return written + " not found in " + source.describe();
  }

  /**
   * The destination as BuildKit computes it: relative to WORKDIR, cleaned, and ending with a slash
   * (a directory) when written with one or as {@code .}.
   */
  static String destination(String dest, String workdir) {
    String abs = dest.startsWith("/") ? dest : workdir + "/" + dest;
    String clean = Path.of("/").resolve(abs).normalize().toString();
    boolean dir = dest.isEmpty() || dest.equals(".") || dest.endsWith("/");
    return dir && !clean.endsWith("/") ? clean + "/" : clean;
  }

  private Optional<Users.Identity> chown(StageBuilder stage, Map<String, String> vars) {
    if (c.chown().isEmpty()) {
      return Optional.empty();
    }
    String spec = words.expand(c.chown().get(), vars);
    try {
      return Optional.of(new Users(new LayerStack(st.layers)).owner(spec));
    } catch (IllegalArgumentException e) {
      throw stage.invalid(c.line(), shown() + ": " + e.getMessage());
    }
  }

  private Optional<Integer> chmod(StageBuilder stage, Map<String, String> vars) {
    if (c.chmod().isEmpty()) {
      return Optional.empty();
    }
    String spec = words.expand(c.chmod().get(), vars);
    if (!spec.matches("[0-7]{1,4}")) {
      throw stage.invalid(
          c.line(),
          shown()
              + ": --chmod="
              + spec
              + ": only octal modes (up to 7777) are supported; dockerd 20.10's BuildKit ignores"
              + " other forms without a word, newer BuildKit reads symbolic ones");
    }
    return Optional.of(Integer.parseInt(spec, 8));
  }

  /** Another stage's flattened root filesystem and its cache key. */
  record StageResult(Path rootfs, String key) {}
}
