package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.ShellWords;
import dev.osimages.engine.host.Digests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prepares one COPY or ADD: expands its words, matches its sources (in the context or another
 * stage), resolves {@code --chown} against the image and parses {@code --chmod}, computes the cache
 * key, and hands the copying to {@link CopyStep} inside a cached filesystem step.
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
    String dest = w.get(w.size() - 1);
    List<String> patterns = w.subList(0, w.size() - 1);
    String text =
        c.keyword()
            + c.from().map(f -> " --from=" + f).orElse("")
            + " "
            + String.join(" ", c.words());
    Optional<String> from = c.from().map(f -> words.expand(f, vars));
    CopySource source;
    String sourceKey;
    List<Path> sources = new ArrayList<>();
    if (from.isPresent()) {
      Optional<NamedSources.Source> found = s.sources.find(from.get());
      if (found.isEmpty()) {
        throw stage.invalid(
            c.line(),
            "COPY --from="
                + from.get()
                + ": no stage or named context of that name ("
                + s.sources.known()
                + "); the chroot backend does not copy from registry images");
      }
      source = found.get().files();
      sourceKey = found.get().key().orElse(null);
    } else {
      source = CopySource.context(s.context);
      sourceKey = null;
    }
    int named = 0;
    for (String p : patterns) {
      if (p.matches("^[a-z]+://.*") || p.startsWith("git@")) {
        throw stage.invalid(c.line(), c.keyword() + " from a URL is not supported: " + p);
      }
      List<Path> m;
      try {
        m = source.match(p);
      } catch (BuildContext.ContextException e) {
        throw stage.invalid(c.line(), e.getMessage());
      }
      if (m.isEmpty()) {
        throw stage.invalid(
            c.line(),
            text
                + ": "
                + p
                + " not found"
                + (from.isPresent() ? " in stage " + from.get() : " in the build context"));
      }
      sources.addAll(m);
      // Docker counts matched names; a directory merged from several context roots is one.
      named += source.names(p);
    }
    if (named > 1 && !dest.endsWith("/")) {
      throw stage.invalid(
          c.line(), "with more than one source, the destination must end with /: " + dest);
    }
    Optional<Users.Identity> chown = chown(stage, vars);
    Optional<Integer> chmod = chmod(stage, vars);
    String hash = sourceKey != null ? sourceKey : ContentHash.of(sources);
    String key =
        Digests.of(
            st.key,
            c.keyword(),
            String.join("\0", w),
            st.workdir,
            hash,
            chown.map(i -> i.uid() + ":" + i.gid()).orElse(""),
            chmod.map(Integer::toOctalString).orElse(""));
    CopyStep.Spec spec =
        new CopyStep.Spec(
            sources, dest, st.workdir.substring(1), c.add(), source.keepsOwner(), chown, chmod);
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

  private Optional<Users.Identity> chown(StageBuilder stage, Map<String, String> vars) {
    if (c.chown().isEmpty()) {
      return Optional.empty();
    }
    String spec = words.expand(c.chown().get(), vars);
    try {
      return Optional.of(new Users(new LayerStack(st.layers)).resolve(spec));
    } catch (IllegalArgumentException e) {
      throw stage.invalid(c.line(), "--chown=" + spec + ": " + e.getMessage());
    }
  }

  private Optional<Integer> chmod(StageBuilder stage, Map<String, String> vars) {
    if (c.chmod().isEmpty()) {
      return Optional.empty();
    }
    String spec = words.expand(c.chmod().get(), vars);
    if (!spec.matches("[0-7]{3,4}")) {
      throw stage.invalid(c.line(), "--chmod=" + spec + ": only octal modes are supported");
    }
    return Optional.of(Integer.parseInt(spec, 8));
  }

  /** Another stage's flattened root filesystem and its cache key. */
  record StageResult(Path rootfs, String key) {}
}
