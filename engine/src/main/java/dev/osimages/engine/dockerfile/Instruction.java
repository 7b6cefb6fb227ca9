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
   * network} is its {@code --network} flag (default, none or host; checked when parsed).
   */
  record Run(int line, Command command, Optional<String> network) implements Instruction {
    /** A RUN without flags. */
    public Run(int line, Command command) {
      this(line, command, Optional.empty());
    }
  }

  /**
   * {@code COPY} or {@code ADD} (when {@code add}) with its flags; {@code words} are the raw
   * sources followed by the destination.
   */
  record Copy(
      int line,
      boolean add,
      List<String> words,
      Optional<String> from,
      Optional<String> chown,
      Optional<String> chmod)
      implements Instruction {
    public Copy {
      words = List.copyOf(words);
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
