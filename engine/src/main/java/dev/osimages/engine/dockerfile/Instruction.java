package dev.osimages.engine.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * One Dockerfile instruction as written, with the line it starts on. Arguments stay raw (quotes and
 * variables unexpanded) because Docker substitutes variables with the values in effect when the
 * instruction runs, not when it is parsed; {@link ShellWords} does that at build time.
 */
public sealed interface Instruction {
  /** The 1-based Dockerfile line the instruction starts on. */
  int line();

  /** {@code FROM image [AS name]}. */
  record From(int line, String image, Optional<String> alias) implements Instruction {}

  /** {@code ARG name[=default]}; an instruction declaring several names yields one each. */
  record Arg(int line, String name, Optional<String> defaultValue) implements Instruction {}

  /** {@code ENV k=v ...} or the legacy {@code ENV k v}; values raw. */
  record Env(int line, List<KeyValue> pairs) implements Instruction {
    public Env {
      pairs = List.copyOf(pairs);
    }
  }

  /** {@code LABEL k=v ...}; recorded, no filesystem change. */
  record Label(int line, List<KeyValue> pairs) implements Instruction {
    public Label {
      pairs = List.copyOf(pairs);
    }
  }

  /**
   * {@code RUN}: shell form is one raw string run through SHELL, exec form a JSON argv; {@code
   * mounts} are the raw {@code --mount} values (parsed with {@link RunMount#parse} once the values
   * in effect are known), {@code heredocs} the here-documents the command line opens.
   */
  record Run(int line, Command command, List<String> mounts, List<Heredoc> heredocs)
      implements Instruction {
    public Run {
      mounts = List.copyOf(mounts);
      heredocs = List.copyOf(heredocs);
    }

    /** A RUN without mounts or here-documents. */
    public Run(int line, Command command) {
      this(line, command, List.of(), List.of());
    }
  }

  /**
   * {@code COPY} or {@code ADD} (when {@code add}) with its flags; {@code words} are the raw
   * sources followed by the destination; a source that is a here-document marker ({@code <<EOF})
   * stands for the body of the {@code heredocs} entry of that name. {@code checksum} is ADD's
   * {@code --checksum} (raw).
   */
  record Copy(
      int line,
      boolean add,
      List<String> words,
      Optional<String> from,
      Optional<String> chown,
      Optional<String> chmod,
      Optional<String> checksum,
      List<Heredoc> heredocs)
      implements Instruction {
    public Copy {
      words = List.copyOf(words);
      heredocs = List.copyOf(heredocs);
    }

    /** A COPY or ADD without a checksum or here-documents. */
    public Copy(
        int line,
        boolean add,
        List<String> words,
        Optional<String> from,
        Optional<String> chown,
        Optional<String> chmod) {
      this(line, add, words, from, chown, chmod, Optional.empty(), List.of());
    }

    /** The here-document a source word stands for, if it is a marker. */
    public Optional<Heredoc> heredoc(String rawWord) {
      return HeredocWords.parse(rawWord)
          .flatMap(m -> heredocs.stream().filter(h -> h.name().equals(m.name())).findFirst());
    }

    /** The keyword as written in messages. */
    public String keyword() {
      return add ? "ADD" : "COPY";
    }
  }

  /** {@code WORKDIR path} (raw). */
  record Workdir(int line, String path) implements Instruction {}

  /** {@code USER user[:group]} (raw). */
  record User(int line, String user) implements Instruction {}

  /** {@code SHELL ["executable", "args"...]}. */
  record Shell(int line, List<String> argv) implements Instruction {
    public Shell {
      argv = List.copyOf(argv);
    }
  }

  /**
   * Instructions that only describe the container configuration (CMD, ENTRYPOINT, EXPOSE, VOLUME,
   * STOPSIGNAL, HEALTHCHECK, ONBUILD, MAINTAINER): accepted, recorded, no filesystem change,
   * because this backend's product is a root filesystem, not a container configuration.
   */
  record Metadata(int line, String keyword, String text) implements Instruction {}

  /** A raw key/value pair of ENV or LABEL. */
  record KeyValue(String key, String value) {}

  /** A RUN command: exec form (argv as given) or shell form (one string, {@code exec} false). */
  record Command(List<String> args, boolean exec) {
    public Command {
      args = List.copyOf(args);
    }
  }
}
