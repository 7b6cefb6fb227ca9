package dev.osimages.engine.dockerfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the Dockerfile subset this engine builds into {@link Dockerfile} records. Anything else
 * (an unknown instruction, an unsupported flag or mount type) is an error naming the line, so a
 * build never silently differs from what Docker would do.
 */
public final class DockerfileParser {
  private static final Set<String> METADATA =
      Set.of(
          "CMD",
          "ENTRYPOINT",
          "EXPOSE",
          "VOLUME",
          "STOPSIGNAL",
          "HEALTHCHECK",
          "ONBUILD",
          "MAINTAINER");

  private final String file;
  private char escape;

  private DockerfileParser(String file) {
    this.file = file;
  }

  /** Parses the file at {@code path}; messages name it by its file name. */
  public static Dockerfile parse(Path path) {
    try {
      return parse(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** Parses {@code text}; {@code name} is how messages refer to the file. */
  public static Dockerfile parse(String name, String text) {
    return new DockerfileParser(name).run(text);
  }

  private Dockerfile run(String text) {
    LogicalLines lines = LogicalLines.of(file, text);
    escape = lines.escape();
    List<Instruction.Arg> globals = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Instruction.From from = null;
    List<Instruction> body = new ArrayList<>();
    for (LogicalLine l : lines.lines()) {
      List<Instruction> parsed = instruction(l);
      if (parsed.get(0) instanceof Instruction.From f) {
        if (from != null) {
          stages.add(new Stage(stages.size(), from, body));
        }
        from = f;
        body = new ArrayList<>();
      } else if (from == null) {
        for (Instruction i : parsed) {
          if (!(i instanceof Instruction.Arg a)) {
            throw error(l.line(), l.keyword() + " before the first FROM (only ARG may precede it)");
          }
          globals.add(a);
        }
      } else {
        body.addAll(parsed);
      }
    }
    if (from == null) {
      throw error(Math.max(1, lines.lines().size()), "no FROM instruction");
    }
    stages.add(new Stage(stages.size(), from, body));
    return new Dockerfile(file, escape, globals, stages);
  }

  private List<Instruction> instruction(LogicalLine l) {
    int n = l.line();
    Flags flags = Flags.take(l.rest(), file, n);
    String args = flags.rest();
    if (args.isEmpty() && !l.keyword().isEmpty()) {
      throw error(n, l.keyword() + " needs arguments");
    }
    return switch (l.keyword()) {
      case "FROM" -> List.of(from(n, flags, args));
      case "ARG" -> noFlags(flags, "ARG", args(n, args));
      case "ENV" -> List.of(noFlag(flags, "ENV", new Instruction.Env(n, pairs(n, args, true))));
      case "LABEL" ->
          List.of(noFlag(flags, "LABEL", new Instruction.Label(n, pairs(n, args, false))));
      case "RUN" -> List.of(run(n, flags, args, l.heredocs()));
      case "COPY", "ADD" -> List.of(copy(n, l.keyword().equals("ADD"), flags, args, l.heredocs()));
      case "WORKDIR" -> List.of(noFlag(flags, "WORKDIR", new Instruction.Workdir(n, args)));
      case "USER" -> List.of(noFlag(flags, "USER", new Instruction.User(n, args)));
      case "SHELL" -> List.of(shell(n, args));
      default -> {
        if (METADATA.contains(l.keyword())) {
          yield List.of(new Instruction.Metadata(n, l.keyword(), l.rest()));
        }
        throw error(n, "unsupported instruction " + l.keyword());
      }
    };
  }

  private Instruction.From from(int n, Flags flags, String args) {
    flags.allowOnly(Set.of(), "FROM");
    List<String> w = new ShellWords(escape, file, n).split(args);
    if (w.size() == 1) {
      return new Instruction.From(n, w.get(0), Optional.empty());
    }
    if (w.size() == 3 && w.get(1).equalsIgnoreCase("AS")) {
      return new Instruction.From(n, w.get(0), Optional.of(w.get(2)));
    }
    throw error(n, "FROM expects 'image [AS name]', got: " + args);
  }

  private List<Instruction> args(int n, String args) {
    List<Instruction> out = new ArrayList<>();
    for (String w : new ShellWords(escape, file, n).split(args)) {
      int eq = w.indexOf('=');
      String name = eq < 0 ? w : w.substring(0, eq);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw error(n, "ARG name is not valid: " + name);
      }
      out.add(
          new Instruction.Arg(
              n, name, eq < 0 ? Optional.empty() : Optional.of(w.substring(eq + 1))));
    }
    return out;
  }

  private List<Instruction.KeyValue> pairs(int n, String args, boolean legacyAllowed) {
    ShellWords sw = new ShellWords(escape, file, n);
    List<String> w = sw.split(args);
    if (legacyAllowed && !w.get(0).contains("=")) {
      String key = w.get(0);
      String value = args.substring(args.indexOf(key) + key.length()).strip();
      return List.of(new Instruction.KeyValue(key, value));
    }
    List<Instruction.KeyValue> out = new ArrayList<>();
    for (String word : w) {
      int eq = word.indexOf('=');
      if (eq <= 0) {
        throw error(n, "expected key=value, got: " + word);
      }
      out.add(new Instruction.KeyValue(word.substring(0, eq), word.substring(eq + 1)));
    }
    return out;
  }

  private Instruction.Run run(int n, Flags flags, String args, List<Heredoc> heredocs) {
    flags.allowOnly(Set.of("mount"), "RUN");
    List<String> mounts = flags.all("mount");
    for (String m : mounts) {
      checkMount(n, m);
    }
    Optional<List<String>> exec = JsonArgs.parse(args);
    if (exec.isPresent()) {
      return new Instruction.Run(n, new Instruction.Command(exec.get(), true), mounts, List.of());
    }
    return new Instruction.Run(n, new Instruction.Command(List.of(args), false), mounts, heredocs);
  }

  /** Checks what a mount says before the build (values with variables are checked then). */
  private void checkMount(int n, String spec) {
    RunMount m;
    try {
      m = RunMount.parse(spec, v -> v.indexOf('$') >= 0 ? null : v);
    } catch (IllegalArgumentException e) {
      throw error(n, "RUN " + e.getMessage());
    }
    if (m.type() == RunMount.Type.SSH) {
      throw error(
          n,
          "RUN --mount=type=ssh is not supported by this engine (supported: bind, cache, tmpfs,"
              + " secret); fetch with a secret instead");
    }
  }

  private Instruction.Copy copy(
      int n, boolean add, Flags flags, String args, List<Heredoc> heredocs) {
    String kw = add ? "ADD" : "COPY";
    if (add && flags.get("from").isPresent()) {
      throw error(n, "ADD does not take --from (use COPY --from)");
    }
    if (!add && flags.get("checksum").isPresent()) {
      throw error(n, "COPY does not take --checksum (ADD does)");
    }
    flags.allowOnly(
        add
            ? Set.of("chown", "chmod", "link", "checksum")
            : Set.of("from", "chown", "chmod", "link"),
        kw);
    List<String> words =
        JsonArgs.parse(args).orElseGet(() -> new ShellWords(escape, file, n).split(args));
    if (words.size() < 2) {
      throw error(n, kw + " needs at least one source and a destination");
    }
    if (HeredocWords.parse(words.get(words.size() - 1)).isPresent()) {
      throw error(n, kw + " cannot take a heredoc as its destination");
    }
    Optional<String> checksum = flags.get("checksum");
    if (checksum.isPresent() && words.size() != 2) {
      throw error(n, "ADD --checksum takes exactly one source");
    }
    return new Instruction.Copy(
        n,
        add,
        words,
        flags.get("from"),
        flags.get("chown"),
        flags.get("chmod"),
        checksum,
        heredocs);
  }

  private Instruction.Shell shell(int n, String args) {
    List<String> argv =
        JsonArgs.parse(args)
            .orElseThrow(
                () -> error(n, "SHELL requires the JSON form [\"executable\", \"arg\"...]"));
    if (argv.isEmpty()) {
      throw error(n, "SHELL needs at least an executable");
    }
    return new Instruction.Shell(n, argv);
  }

  private <T extends Instruction> T noFlag(Flags flags, String kw, T i) {
    flags.allowOnly(Set.of(), kw);
    return i;
  }

  private List<Instruction> noFlags(Flags flags, String kw, List<Instruction> i) {
    flags.allowOnly(Set.of(), kw);
    return i;
  }

  private DockerfileException error(int line, String message) {
    return new DockerfileException(file, line, message);
  }
}
