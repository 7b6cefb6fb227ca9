package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.dockerfile.Heredoc;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.ShellWords;
import dev.osimages.engine.host.Digests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prepares one COPY or ADD: expands its words, matches its sources (in the context, a named context
 * or another stage), fetches URLs and takes here-documents ({@link InlineSources}), checks {@code
 * --checksum}, resolves {@code --chown} against the image and parses {@code --chmod}, computes the
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
    String dest = w.get(w.size() - 1);
    String text =
        c.keyword()
            + c.checksum().map(x -> " --checksum=" + x).orElse("")
            + c.from().map(f -> " --from=" + f).orElse("")
            + " "
            + String.join(" ", c.words());
    Optional<String> pin =
        RemoteAdd.pin(c.checksum().map(x -> words.expand(x, vars)), stage, c.line());
    Optional<String> from = c.from().map(f -> words.expand(f, vars));
    CopySource source = source(stage, from);
    RemoteAdd remote = new RemoteAdd(s, c.line(), text);
    InlineSources inline = new InlineSources();
    List<Path> sources = new ArrayList<>();
    int named = 0;
    for (int i = 0; i < w.size() - 1; i++) {
      String p = w.get(i);
      Optional<Heredoc> doc = c.heredoc(c.words().get(i));
      if (doc.isPresent()) {
        inline.heredoc(heredocName(stage, doc.get()), heredocText(doc.get(), vars));
        named++;
      } else if (c.add() && RemoteAdd.isUrl(p)) {
        remote.fetch(p, pin, inline, stage);
        named++;
      } else if (RemoteAdd.isUrl(p)) {
        throw stage.invalid(c.line(), "COPY does not take URLs (ADD does): " + p);
      } else {
        List<Path> m = match(stage, source, p, text, from);
        sources.addAll(m);
        named += source.names(p);
        if (pin.isPresent()) {
          remote.verify(m.get(0), pin.get());
        }
      }
    }
    if (named > 1 && !dest.endsWith("/")) {
      throw stage.invalid(
          c.line(), "with more than one source, the destination must end with /: " + dest);
    }
    Optional<Users.Identity> chown = chown(stage, vars);
    Optional<Integer> chmod = chmod(stage, vars);
    String hash = sourceKey != null ? sourceKey : sources.isEmpty() ? "" : ContentHash.of(sources);
    String key =
        Digests.of(
            st.key,
            c.keyword(),
            String.join("\0", w),
            st.workdir,
            hash,
            inline.isEmpty() ? "" : inline.key(),
            chown.map(i -> i.uid() + ":" + i.gid()).orElse(""),
            chmod.map(Integer::toOctalString).orElse(""));
    String workdir = st.workdir.substring(1);
    stage.fsStep(
        st,
        c.line(),
        text,
        key,
        (work, lines) -> {
          ImageWriter writer = new ImageWriter(work.resolve("diff"), st.layers);
          CopyStep step = new CopyStep(writer, work.resolve("tmp"), lines);
          if (!sources.isEmpty()) {
            step.copy(
                new CopyStep.Spec(
                    sources, dest, workdir, c.add(), source.keepsOwner(), chown, chmod));
          }
          if (!inline.isEmpty()) {
            // Downloads and here-documents are never extracted (BuildKit's rule for URLs).
            step.copy(
                new CopyStep.Spec(
                    inline.write(work.resolve("inline")),
                    dest,
                    workdir,
                    false,
                    false,
                    chown,
                    chmod));
          }
        });
  }

  private String sourceKey;

  /** Where the files come from: the main context, or what {@code --from} names. */
  private CopySource source(StageBuilder stage, Optional<String> from) {
    if (from.isEmpty()) {
      return CopySource.context(s.context);
    }
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
    sourceKey = found.get().key().orElse(null);
    return found.get().files();
  }

  private List<Path> match(
      StageBuilder stage, CopySource source, String p, String text, Optional<String> from) {
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
              + (from.isPresent() ? " in " + from.get() : " in the build context"));
    }
    return m;
  }

  private String heredocName(StageBuilder stage, Heredoc doc) {
    if (doc.name().contains("/") || doc.name().equals(".") || doc.name().equals("..")) {
      throw stage.invalid(c.line(), "heredoc delimiter '" + doc.name() + "' cannot be a file name");
    }
    return doc.name();
  }

  /** The body; expanded (variables, backslash escapes, quotes kept) unless its word was quoted. */
  private String heredocText(Heredoc doc, Map<String, String> vars) {
    return doc.expand() ? words.expandRaw(doc.text(), vars) : doc.text();
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
