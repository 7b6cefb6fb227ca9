package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.dockerfile.Heredoc;
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
 * Prepares one COPY or ADD: expands its words, matches its sources (in the context, a named context
 * or another stage; a wildcard that matches nothing is allowed, a missing plain path is an error),
 * fetches URLs and takes here-documents ({@link InlineSources}), checks {@code --checksum},
 * resolves {@code --chown} against the image and parses {@code --chmod}, computes the destination
 * and the cache key, and hands the copying to {@link CopyStep} inside a cached filesystem step.
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
    String text = shown();
    Optional<String> pin =
        RemoteAdd.pin(c.checksum().map(x -> words.expand(x, vars)), stage, c.line());
    Optional<String> from = c.from().map(f -> words.expand(f, vars));
    CopySource source = source(stage, from, text);
    RemoteAdd remote = new RemoteAdd(s, c.line(), text);
    InlineSources inline = new InlineSources();
    List<CopyStep.Source> sources = new ArrayList<>();
    List<String> matched = new ArrayList<>();
    for (int i = 0; i < w.size() - 1; i++) {
      String p = w.get(i);
      Optional<Heredoc> doc = c.heredoc(c.words().get(i));
      if (doc.isPresent()) {
        inline.heredoc(heredocName(stage, doc.get()), heredocText(doc.get(), vars));
      } else if (c.add() && RemoteAdd.isUrl(p)) {
        remote.fetch(p, pin, inline, stage);
      } else if (RemoteAdd.isUrl(p)) {
        throw stage.invalid(c.line(), text + ": COPY does not take URLs (ADD does): " + p);
      } else {
        for (String m : source.match(p)) {
          Optional<Path> real = source.view().find(source.view().resolve(m, true));
          if (!CopySource.hasWildcard(p) && real.isEmpty()) {
            throw stage.invalid(c.line(), text + ": " + notFound(source, p, m));
          }
          if (pin.isPresent()) {
            remote.verify(real.orElseThrow(), pin.get());
          }
          sources.add(new CopyStep.Source(source, m, c.add()));
          matched.add(m);
        }
      }
    }
    String dest = destination(w.get(w.size() - 1), st.workdir);
    Optional<Users.Identity> chown = chown(stage, vars);
    Optional<Integer> chmod = chmod(stage, vars);
    String hash =
        sourceKey != null ? sourceKey : matched.isEmpty() ? "" : ContentHash.of(source, matched);
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
    stage.fsStep(
        st,
        c.line(),
        text,
        key,
        (work, lines) -> {
          List<CopyStep.Source> all = new ArrayList<>(sources);
          if (!inline.isEmpty()) {
            Path dir = work.resolve("inline");
            CopySource made = CopySource.directory(dir, "here-documents and downloads");
            for (Path f : inline.write(dir)) {
              // Downloads and here-documents are never extracted (BuildKit's rule for URLs).
              all.add(new CopyStep.Source(made, dir.relativize(f).toString(), false));
            }
          }
          new CopyStep(new ImageWriter(work.resolve("diff"), st.layers), work.resolve("tmp"), lines)
              .copy(new CopyStep.Spec(all, dest, chown, chmod));
        });
  }

  private String sourceKey;

  /** Where the files come from: the main context, or what {@code --from} names. */
  private CopySource source(StageBuilder stage, Optional<String> from, String text) {
    if (from.isEmpty()) {
      return CopySource.context(s.context);
    }
    Optional<NamedSources.Source> found = s.sources.find(from.get());
    if (found.isEmpty()) {
      throw stage.invalid(
          c.line(),
          text
              + ": no stage or named context "
              + from.get()
              + " ("
              + s.sources.known()
              + "); the chroot backend does not copy from registry images");
    }
    sourceKey = found.get().key().orElse(null);
    return found.get().files();
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

  /** The instruction as written (flags included, variables not expanded), for messages. */
  private String shown() {
    return StageBuilder.abbreviate(
        c.keyword()
            + c.checksum().map(x -> " --checksum=" + x).orElse("")
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

  /** Another stage's root filesystem (a view of its layers) and its cache key. */
  record StageResult(Path rootfs, String key) {}
}
